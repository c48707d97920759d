#pragma once

#include "providers/emulator/EmulatorBase.h"

#include <QHash>
#include <QList>
#include <QStringList>

// Stand-in for api.twilio.com and content.twilio.com (wire reference §13.2): Messages create, fetch
// and list, Media (JSON and bytes behind a redirect), the Content API with pages, Basic auth,
// Twilio's error bodies, and signed status callbacks and inbound webhooks.
class TwilioEmulator : public EmulatorBase
{
    Q_OBJECT
public:
    explicit TwilioEmulator(EmulatorOptions options, QObject* parent = nullptr);

    // Twilio's "invalid number" test number: a send to it is refused with 21211.
    static QString invalidTestNumber();
    // The business sender used for inbound messages when the admin request names none.
    static QString defaultSender();

    // Every API request that passed fault injection, as "METHOD /path?query", in order.
    QStringList requestLog() const;
    // The raw form bodies of every Messages.json create request, valid or not.
    QList<QByteArray> createRequestBodies() const;
    // A message resource as GET …/Messages/{sid}.json answers it; empty when unknown.
    QJsonObject message(const QString& sid) const;
    // The bytes the media route serves for an ME… sid; empty when unknown.
    QByteArray mediaBytes(const QString& mediaSid) const;

protected:
    EmulatorResponse faultResponse(const FaultSpec& fault) override;
    EmulatorResponse notFound(const QHttpServerRequest& request) override;
    // JSON: from (required), body, name, to, media_url, content_type, latitude, longitude, address,
    // label, button_text, button_payload, list_id, list_title, reply_to, message_type, webhook_url
    // (overrides --webhook-url for this one message).
    EmulatorResponse simulateInbound(const QJsonObject& request) override;

private:
    struct Media
    {
        QString sid;
        QString messageSid;
        QString contentType;
        QByteArray bytes;
        QString dateCreated;
    };

    void registerRoutes();
    void addApiRoute(const QByteArray& method, const QString& pattern, Handler handler);
    std::optional<EmulatorResponse> refuseCredentials(const QHttpServerRequest& request) const;

    EmulatorResponse createMessage(const QHttpServerRequest& request);
    EmulatorResponse fetchMessage(const QString& sid) const;
    EmulatorResponse listMessages(const QHttpServerRequest& request) const;
    EmulatorResponse listMedia(const QString& messageSid) const;
    EmulatorResponse fetchMediaResource(const QString& messageSid, const QString& mediaSid) const;
    EmulatorResponse redirectToMedia(const QString& messageSid, const QString& mediaSid) const;
    EmulatorResponse serveMediaBytes(const QString& mediaSid) const;
    EmulatorResponse listContent(const QHttpServerRequest& request, bool withApprovals) const;
    EmulatorResponse fetchContent(const QString& sid) const;
    EmulatorResponse fetchApprovalRequests(const QString& sid) const;

    QString addMedia(const QString& messageSid, const QString& contentType, const QString& hint);
    QJsonObject mediaResource(const Media& media) const;
    void scheduleStatuses(const QString& sid, const QString& statusCallback, bool freeForm);
    QString renderTemplate(const QJsonObject& content, const QJsonObject& variables) const;
    QString accountPath() const;
    QString contentUrl(const QString& path, int pageSize, int page, const QString& token) const;

    QList<QJsonObject> m_messages; // resources, oldest first
    QHash<QString, qsizetype> m_messageIndex;
    QHash<QString, Media> m_media;
    QList<QJsonObject> m_contents; // seeded ContentAndApprovals items
    QStringList m_requestLog;
    QList<QByteArray> m_createBodies;
};
