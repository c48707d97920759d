#pragma once

#include "providers/emulator/EmulatorBase.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>

#include <optional>

// Stand-in for graph.facebook.com, the WhatsApp Cloud API (wire reference §13.3): sends, mark-read,
// media lookup/download/upload/delete and the paged template list, with Bearer auth, Graph error
// envelopes, template checks and signed status and inbound webhooks escaped the way Meta escapes them.
//
// Recipients with a scripted fate:
//   15005550001  refused at once with 131009 (recipient phone number is not valid)
//   15005550002  accepted, then a `failed` status with 131026 (message undeliverable)
// A free-form message to a contact whose 24-hour window is closed is accepted, then fails with 131047.
class MetaEmulator : public EmulatorBase
{
    Q_OBJECT
public:
    static inline const QString kInvalidRecipient = QStringLiteral("15005550001");
    static inline const QString kUndeliverableRecipient = QStringLiteral("15005550002");

    explicit MetaEmulator(EmulatorOptions options, QObject* parent = nullptr);

    // Stores media as if uploaded; returns its id.
    QString addMedia(const QByteArray& bytes, const QString& mimeType);
    // The seeded templates, in Meta's list form.
    QJsonArray templates() const;

protected:
    EmulatorResponse faultResponse(const FaultSpec& fault) override;
    EmulatorResponse notFound(const QHttpServerRequest& request) override;
    // {from, body, name, media_url?, context_id?}: a signed inbound text (or image when media_url is
    // given) from that contact, which also opens the contact's window.
    EmulatorResponse simulateInbound(const QJsonObject& request) override;

private:
    struct Media
    {
        QByteArray bytes;
        QString mimeType;
        QString sha256; // base64, as in webhooks
        QString urlHash;
        QDateTime urlIssuedAt;
    };

    EmulatorResponse handleSend(const QHttpServerRequest& request, const QRegularExpressionMatch& match);
    EmulatorResponse handleMediaLookup(const QHttpServerRequest& request, const QRegularExpressionMatch& match);
    EmulatorResponse handleMediaDownload(const QHttpServerRequest& request);
    EmulatorResponse handleMediaUpload(const QHttpServerRequest& request, const QRegularExpressionMatch& match);
    EmulatorResponse handleMediaDelete(const QHttpServerRequest& request, const QRegularExpressionMatch& match);
    EmulatorResponse handleTemplates(const QHttpServerRequest& request, const QRegularExpressionMatch& match);

    std::optional<EmulatorResponse> checkAuth(const QHttpServerRequest& request, const QString& version);
    std::optional<EmulatorResponse> checkTemplate(const QJsonObject& tmpl, const QString& version);
    EmulatorResponse graphError(int code,
                                const QString& version,
                                const QString& details = QString(),
                                const QString& message = QString(),
                                int subcode = 0);
    EmulatorResponse unknownObject(const QString& method, const QString& id, const QString& version);
    EmulatorResponse withGraphHeaders(EmulatorResponse response, const QString& version);

    // Failed-status `errors[]` entry for an async error.
    QJsonObject webhookError(int code) const;
    OutgoingWebhook signedWebhook(const QJsonObject& value);
    void scheduleStatuses(const QString& wamid,
                          const QString& recipient,
                          const QStringList& statuses,
                          const QJsonObject& failure,
                          const QString& callbackData,
                          const QString& category,
                          const QString& version);

    QString newWamid(const QString& digits);
    QString newNumericId();
    QString newTraceId();

    QHash<QString, Media> m_media;
    QJsonArray m_templates;
};
