#pragma once

#include "providers/Result.h"

#include <QString>

// Phone numbers through libphonenumber.
namespace Phone
{

// Validates and normalizes to E.164. Accepts "+1 (555) 123-4567", "whatsapp:+15551234567",
// "0044 20 7946 0958" (international prefix) and bare WhatsApp ids ("5511987654321").
// A refusal is an Error::validation on `field` that says why.
Result<QString> normalize(const QString& input, const QString& field = QStringLiteral("to"));

// A key under which the forms WhatsApp uses for one subscriber compare equal: Brazilian mobiles
// with or without the ninth digit, Mexican mobiles with or without the 1 after +52, Argentinian
// mobiles with or without the 9 after +54. Input is E.164 or bare digits.
QString identityKey(const QString& number);

// Human formatting for display: "+55 11 98765-4321". Falls back to the input when not parseable.
QString formatInternational(const QString& e164);

// Formats a partial number as the user types it ("+1 415-55").
QString formatAsYouType(const QString& partial);

} // namespace Phone
