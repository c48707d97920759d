#pragma once

#include "app/store/StoreTypes.h"

#include <QString>
#include <QStringList>
#include <QUrl>

// Why a logged webhook's signature was refused, worked out again from what the log kept (raw
// body, the headers that matter, the URL it arrived at). Pure functions: no I/O.
namespace SignatureDiagnosis
{

struct Finding
{
    bool explained = false; // a likely cause was found
    bool fixedSince = false; // the signature verifies with the current settings
    QString summary; // one sentence in plain words
    QString fix; // the setting to change, and to what; empty when unknown
    QString signedUrl; // Twilio: the URL the signature matches
};

struct TwilioSettings
{
    QString authToken;
    QString accountSid;
    QUrl publicUrl; // FLOWCHAT_PUBLIC_URL, empty when not set
};

struct MetaSettings
{
    QString appSecret;
    QString accessToken;
    QString verifyToken;
};

// The URLs Twilio may have signed for a request that arrived at `entry.url`: http and https,
// with and without the default port, with and without a trailing slash and the query string,
// with the Host and X-Forwarded-Proto/Host/Port headers it came with, and under the public URL.
// Most likely first; no duplicates.
QStringList twilioUrlCandidates(const WebhookLogEntry& entry, const QUrl& publicUrl);

Finding twilio(const WebhookLogEntry& entry, const TwilioSettings& settings);
Finding meta(const WebhookLogEntry& entry, const MetaSettings& settings);

} // namespace SignatureDiagnosis
