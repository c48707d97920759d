#pragma once

#include "providers/FormEncoding.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

// X-Twilio-Signature (wire reference §4): Base64(HMAC-SHA1(authToken, url + sorted name+value pairs)).
namespace TwilioSignature
{

// The string Twilio signs: the URL exactly as configured, then every parameter's name and value,
// names sorted by their UTF-8 bytes. A repeated name contributes each distinct value once, values
// sorted, as twilio-node's toFormUrlEncodedParam does.
QByteArray stringToSign(const QString& url, const Form::Fields& params);

// Base64 of the HMAC-SHA1 of stringToSign() keyed with the auth token.
QByteArray sign(const QString& authToken, const QString& url, const Form::Fields& params);

// The URL forms a signature is accepted for: as given, without its port, and with the scheme's
// default port added when it had none (Twilio signs inconsistently, §4.1).
QStringList urlVariants(const QUrl& url);

// Checks a form-encoded webhook's signature against every urlVariants() form, in constant time per
// comparison. When the URL carries bodySHA256 (JSON webhooks), the URL alone is signed and the raw
// body's SHA-256 must match too; `params` are then ignored.
bool verify(const QString& authToken,
            const QUrl& url,
            const Form::Fields& params,
            const QByteArray& signature,
            const QByteArray& rawBody = {});

// Compares without an early exit, so timing does not tell how much of a guess was right.
bool constantTimeEquals(const QByteArray& a, const QByteArray& b);

} // namespace TwilioSignature
