#pragma once

#include "providers/Result.h"

#include <QByteArray>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

class BoundedTcpServer;
class MessageReader;
class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class WhatsAppService;
struct SendReceipt;

// The local HTTP surface (architecture §7): the JSON API under /api/whatsapp, the webhook receiver
// and /api/health, served by a QHttpServer on our BoundedTcpServer. Lives on the service's thread;
// answers that wait for a commit are written later through DeferredResponder.
class HttpApi : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QHostAddress address = QHostAddress::LocalHost;
        quint16 port = 0; // 0: any free port (see port() after listen())
        qint64 bodyLimit = 1024 * 1024;
        int idleTimeoutMs = 30000;
        QString apiToken; // bearer token for the API routes; must not be empty
        QString apiTokenHint; // where to find the token, told in every 401 answer
        QString businessNumber; // shown as `from` of outbound and `to` of inbound messages
    };

    // A response in plain values, so it can be written now or after a commit.
    struct Reply
    {
        int status = 200;
        QByteArray contentType = "application/json";
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
    };

    HttpApi(WhatsAppService* service, Options options, QObject* parent = nullptr);
    ~HttpApi() override;

    // Starts listening; gives the bound port.
    Result<quint16> listen();
    quint16 port() const;
    QUrl url() const; // http://address:port
    // A random id of this process's receiver, shown by /api/health: the doctor compares it to
    // learn that a request through FLOWCHAT_PUBLIC_URL came back to this very receiver.
    QString instanceId() const;

    // Graceful stop, first half: no new connections, and requests still arriving on open
    // connections are answered 503. Answers already owed are still written when their commit ends.
    void stopAccepting();
    int owedAnswers() const;

    // The single place an Error becomes an HTTP status and {"error": {code, message, field, ...}}.
    // Provider error codes gain the error catalogue's title and advice; `extra` adds top-level keys.
    static Reply errorReply(const Error& error, const QString& provider = {}, const QJsonObject& extra = {});

signals:
    // owedAnswers() dropped to zero.
    void answersSettled();

private:
    void registerRoutes();
    bool authorized(const QHttpServerRequest& request) const;
    MessageReader& reader();
    using Answer = std::function<void(const Reply&)>;
    // Counts an answer that will be written later (after a commit); calling the returned function
    // writes it, if the client is still there, and uncounts it. Only the first call counts.
    Answer defer(QHttpServerResponder&& responder);
    std::function<void(Result<SendReceipt>)> answerWithReceipt(Answer answer) const;
    void settle();

    void handleSend(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    void handleSendTemplate(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    void handleMessage(qint64 id, const QHttpServerRequest& request, QHttpServerResponder&& responder);
    void handleMessages(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    void handleTemplates(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    void handleWebhookLog(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    void handleReplay(qint64 id, const QHttpServerRequest& request, QHttpServerResponder&& responder);
    void handleVerification(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    void handleWebhook(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    void handleHealth(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    // Shared by the API routes: answers and returns true when shutting down, without a valid bearer
    // token, or (jsonBody) when the body is not application/json.
    bool
    refuseUnlessAuthorized(const QHttpServerRequest& request, QHttpServerResponder& responder, bool jsonBody = false);

    WhatsAppService* m_service;
    Options m_options;
    QByteArray m_tokenDigest;
    QString m_instanceId;
    QHttpServer* m_http = nullptr;
    BoundedTcpServer* m_tcp = nullptr;
    std::unique_ptr<MessageReader> m_reader;
    bool m_accepting = true;
    int m_owed = 0;
};
