#pragma once

#include "providers/Result.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <QUrl>

// An injected fault, parsed from `KIND[:ARG][@RATE|xCOUNT]`:
//   500, 503, 429:2 (HTTP status; for 429 ARG is Retry-After seconds)
//   error:131047    (the provider's own error for that code, with its usual HTTP status)
//   timeout         (never answers; the client's transfer timeout fires)
//   reset           (closes the connection without an answer)
// `@0.2` applies it to 20% of API requests (seeded), `x3` to the next three; neither: every request.
struct FaultSpec
{
    enum class Kind
    {
        HttpStatus,
        ProviderError,
        Timeout,
        Reset,
    };

    Kind kind = Kind::HttpStatus;
    int httpStatus = 500;
    QString providerCode;
    int retryAfterSeconds = -1; // -1: no Retry-After header
    double rate = 1.0;
    int remaining = -1; // -1: unlimited (rate-based)

    static Result<FaultSpec> parse(const QString& spec);
};

struct EmulatorOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0;
    QUrl webhookUrl; // Twilio: inbound messages; Meta: every webhook

    int latencyMs = 0; // added to every API answer
    int statusDelayMs = 200; // between status webhooks
    QList<FaultSpec> faults;
    bool outOfOrder = false; // deliver statuses out of ladder order
    bool duplicates = false; // deliver every status twice
    QString finalStatus = QStringLiteral("read"); // last status: "sent", "delivered", "read" or "failed"
    bool closedWindows = false; // contacts have a closed 24-hour window until they write
    quint32 seed = 0; // 0: random

    // Twilio
    QString accountSid;
    QString authToken;
    // Meta
    QString accessToken;
    QString appSecret;
    QString phoneNumberId;
    QString wabaId;
    QString displayPhoneNumber = QStringLiteral("15550783881");
    // The Graph API's paging.next and paging.previous links carry the caller's access_token; the
    // emulator leaves it out unless asked (tests that a token in a response body stays unseen).
    bool pagingLinksCarryToken = false;
};
