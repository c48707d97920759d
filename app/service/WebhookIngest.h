#pragma once

#include "app/store/StoreTypes.h"
#include "providers/Provider.h"

#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <functional>
#include <memory>

class MessageReader;
class MessageStore;

// What the webhook receiver answers, decided only after the store committed.
struct WebhookOutcome
{
    int httpStatus = 200;
    QByteArray contentType = "text/plain";
    QByteArray body;
    qint64 logId = 0; // the webhook_log row
    WebhookLogEntry::Verdict verdict = WebhookLogEntry::Verdict::Accepted;
    QString reason;
};

// The webhook path, from an incoming request to its outcome: verify the signature, parse through
// the provider, log the request (headers that matter, never Authorization), apply the events and
// answer only after the commit; a logged webhook can be replayed. Lives on the service's thread;
// every call returns at once and answers on `context`'s thread while `context` lives.
class WebhookIngest : public QObject
{
    Q_OBJECT
public:
    // `reader`: the service thread's read connection, shared with the service; it must outlive this.
    WebhookIngest(MessageStore* store, MessageReader* reader, Provider* provider, QObject* parent = nullptr);
    ~WebhookIngest() override;

    // Verifies, parses, stores and logs one webhook request; `done` runs after the commit. 200 once
    // stored (Twilio's inbound gets empty TwiML), 403 refused, 400 unparseable, 5xx when the store
    // failed so the provider retries.
    void receive(const WebhookRequest& request, QObject* context, std::function<void(WebhookOutcome)> done);
    // Runs a logged webhook through verifying, parsing and storing again (a new log entry);
    // idempotent. An error when there is no such entry or it came for another provider.
    void replay(qint64 logId, QObject* context, Callback<WebhookOutcome> done);
    // The provider's GET handshake (Meta's hub.*): the challenge to echo, or an error (403).
    Result<QString> verificationChallenge(const QUrlQuery& query) const;

signals:
    // A request failed its signature check (it is logged as refused, never stored).
    void refused(const QString& reason);

private:
    struct Job;

    void
    process(const WebhookRequest& request, qint64 replayOf, QObject* context, std::function<void(WebhookOutcome)> done);
    void finish(std::shared_ptr<Job> job, WebhookOutcome outcome);

    MessageStore* m_store;
    MessageReader* m_reader;
    QPointer<Provider> m_provider;
};
