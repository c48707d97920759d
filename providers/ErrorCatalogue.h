#pragma once

#include "providers/Result.h"

#include <QString>

#include <optional>

// Every provider error code FlowChat knows, in plain words for the operator. One table for the
// service's API errors and for the GUI (wire reference §1.7, §7.7, §12.3).
struct ErrorAdvice
{
    QString provider; // "twilio" or "meta"
    QString code;
    QString title; // short: "Outside the 24-hour window"
    QString meaning; // what happened, for the operator
    QString advice; // what to do next
    Error::Kind kind = Error::Kind::Permanent;
    bool retryable = false;
};

namespace ErrorCatalogue
{

// The entry for a provider's code, if we know it.
std::optional<ErrorAdvice> find(const QString& provider, const QString& code);

// Always an answer: a known entry, or one built from the provider's own message for an unknown code.
ErrorAdvice describe(const QString& provider, const Error& error);

// Sets kind and retryable on an error that carries a provider code and HTTP status, following
// §12.3: rate limits, 5xx, timeouts and network errors retry; other 4xx are permanent.
// A known code decides over the HTTP status. retryAfter is kept (raised to 6 s for Meta's
// 131056). Meta's 100 and 131009 become InvalidRecipient when error.field is "to".
Error classify(const QString& provider, Error error);

// Every entry, for tests and for documentation. A row that covers a range of codes (Meta's
// 200-299) appears once, with code "200-299"; find() answers for each code in it.
QList<ErrorAdvice> all();

} // namespace ErrorCatalogue
