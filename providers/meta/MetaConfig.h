#pragma once

#include <QString>
#include <QUrl>

struct MetaConfig
{
    QUrl apiUrl = QUrl(QStringLiteral("https://graph.facebook.com/v23.0")); // base including the version
    QString accessToken;
    QString phoneNumberId;
    QString businessAccountId; // WABA id, for the template list
    QString appSecret; // verifies X-Hub-Signature-256; empty: not verified
    QString verifyToken; // hub.verify_token for the GET handshake
    int timeoutMs = 15'000;
    int templatePageSize = 50; // `limit` of each template list page
};
