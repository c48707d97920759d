#pragma once

#include <QString>
#include <QUrl>

struct TwilioConfig
{
    QString accountSid; // AC + 32 hex
    QString authToken; // also the webhook signing key
    QString fromNumber; // E.164 WhatsApp sender, "+14155238886"
    QString messagingServiceSid; // optional MG..., used instead of From when set
    QUrl apiBaseUrl = QUrl(QStringLiteral("https://api.twilio.com"));
    QUrl contentBaseUrl = QUrl(QStringLiteral("https://content.twilio.com"));
    QUrl statusCallbackUrl; // FLOWCHAT_PUBLIC_URL + /api/whatsapp/webhook, when a public URL is set
    QUrl webhookUrl; // the public URL Twilio signs webhooks against
    int timeoutMs = 15'000;
    int templatePageSize = 50; // PageSize for ContentAndApprovals (Twilio allows up to 1000)
};
