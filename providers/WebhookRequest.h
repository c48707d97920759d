#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>
#include <QUrlQuery>

// A webhook request exactly as it reached us: raw bytes, headers, and the URL it was sent to.
struct WebhookRequest
{
    QByteArray method = "POST";
    QUrl url; // the URL the provider called (for Twilio: the public URL that was signed)
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    // Case-insensitive header lookup; empty when absent.
    QByteArray header(const QByteArray& name) const
    {
        for (const auto& [key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0) {
                return value;
            }
        }
        return {};
    }
};
