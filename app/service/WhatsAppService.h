#pragma once

#include "app/config/Config.h"
#include "app/service/ServiceOptions.h"
#include "app/service/WebhookIngest.h"
#include "app/store/StoreTypes.h"
#include "providers/Provider.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>

class MediaFetcher;
class MessageReader;
class MessageStore;
class Outbox;
class TeamSender;
class TeamWatch;
class ProviderTraffic;
class SandboxContact;

// A free-form message to send (HTTP API `POST /api/whatsapp/send`, the GUI composer).
struct SendRequest
{
    QString to; // any form Phone::normalize accepts; stored as E.164
    QString body;
    QStringList mediaUrls;
    QString type = QStringLiteral("text"); // text, image, audio, video, document, sticker
    QJsonObject metadata;
    qint64 replyToId = 0; // local id of the message this one answers
    QString agent; // who wrote it (a console's FLOWCHAT_AGENT); empty: the HTTP API
};

// A template message (HTTP API `POST /api/whatsapp/send-template`, the template bench).
struct TemplateSendRequest
{
    QString to;
    QString templateName;
    QString languageCode;
    QList<QPair<QString, QString>> parameters; // keys "1", "2", ... (or names for NAMED templates)
    QString headerMediaUrl; // the file for a template's IMAGE, VIDEO or DOCUMENT header (Meta)
    QJsonObject metadata;
    QString agent; // as SendRequest::agent
};

// The answer to an accepted send: stored durably as `pending`.
struct SendReceipt
{
    qint64 id = 0;
    MessageStatus status = MessageStatus::Pending;
    QList<qint64> ids; // every row written: one per media URL (wire reference §12.4); ids.first() == id
};

// The seed's high-level service: validation, storage, outbox, webhooks, templates and media; the
// facade the console (through ServiceClient) and the HTTP API call. Webhooks are WebhookIngest's
// and media MediaFetcher's; the service forwards to them. Lives on one thread with its provider;
// every call returns at once and answers through a callback on `context`'s thread.
class WhatsAppService : public QObject
{
    Q_OBJECT
public:
    WhatsAppService(const Config& config, MessageStore* store, Provider* provider, QObject* parent = nullptr);
    WhatsAppService(const Config& config,
                    MessageStore* store,
                    Provider* provider,
                    ServiceOptions options,
                    QObject* parent = nullptr);
    ~WhatsAppService() override;

    // Opens the store, turns `sending` rows into `unknown`, queues `pending` rows, syncs templates.
    void start(QObject* context, std::function<void(Result<void>)> done);
    // Stops dispatching new sends; `done` runs once in-flight requests and commits have finished.
    void stop(QObject* context, std::function<void()> done);

    // As configured: "sandbox", "twilio" or "direct" (provider()->name() says "meta" or "twilio").
    QString providerName() const;
    bool isSandbox() const;
    Provider* provider() const;
    // The provider's recent HTTP exchanges, masked; null when nobody records them.
    ProviderTraffic* providerTraffic() const;
    void setProviderTraffic(ProviderTraffic* traffic);
    // The sandbox's simulated customer (ProviderFactory owns it). On a first start with no message
    // at all, it writes first a few seconds after start, so a newcomer sees the loop at once.
    void setSandboxContact(SandboxContact* contact);
    // Sandbox only: the sample customer writes in, as a real signed webhook.
    Result<void> simulateCustomerMessage();
    MessageStore* store() const;
    Outbox* outbox() const;
    int outboxLength() const;
    // The outbox pauses itself on a configuration or credential error (providerProblem).
    bool isOutboxPaused() const;
    void resumeOutbox();

    void send(const SendRequest& request, QObject* context, Callback<SendReceipt> done);
    void sendTemplate(const TemplateSendRequest& request, QObject* context, Callback<SendReceipt> done);
    // For a message left `unknown` or `failed`: the operator decides to send it again, or not.
    void resend(qint64 id, QObject* context, Callback<SendReceipt> done);
    void dismiss(qint64 id, QObject* context, Callback<SendReceipt> done);

    // WebhookIngest::receive: verifies, parses, stores and logs one webhook request; `done` runs
    // after the commit.
    void receiveWebhook(const WebhookRequest& request, QObject* context, std::function<void(WebhookOutcome)> done);
    // WebhookIngest::verificationChallenge: the provider's GET handshake (Meta's hub.*), the
    // challenge to echo or an error (403).
    Result<QString> verificationChallenge(const QUrlQuery& query) const;
    // WebhookIngest::replay: runs a logged webhook through parsing and storing again; idempotent.
    void replayWebhook(qint64 logId, QObject* context, Callback<WebhookOutcome> done);

    void syncTemplates(QObject* context, Callback<int> done);
    // MediaFetcher::fetch: an inbound message's media through the provider into the cache folder.
    void fetchMedia(qint64 messageId, QObject* context, Callback<QString> done);
    void markConversationRead(qint64 conversationId);
    // Team mode, a console: teamChanged() with the state as known now.
    void reportTeam();
    // FLOWCHAT_AGENT of this process's console.
    QString agentName() const;
    // Team mode, a console: what its agent is looking at (0: nothing) and whether they are typing,
    // for the others (MessageStore::publishPresence); nothing happens on a database of one's own.
    void publishPresence(qint64 conversationId, bool typing);
    // "New conversation": the conversation with `number` (validated, any spelling), created when new.
    void openConversation(const QString& number, QObject* context, Callback<ConversationSummary> done);

signals:
    // After each commit, with the changed rows as values (see MessageStore).
    void messageChanged(const StoredMessage& message);
    void conversationChanged(const ConversationSummary& conversation);
    void templatesChanged();
    void outboxChanged(int length);
    void webhookRefused(const QString& reason);
    // A configuration or credential error from the provider: the outbox pauses until resumed.
    void providerProblem(const Error& error);
    // Team mode, a console: whether the shared database answers and whether a process sends for
    // the team (TeamWatch).
    void teamChanged(bool databaseReachable, bool senderRunning, const QString& problem);
    // Team mode: the connection that listens for other processes' changes was lost and is back;
    // what they committed meanwhile must be read again.
    void missedChanges();
    // Team mode: another console's agent and what they are doing.
    void presenceChanged(const AgentPresence& presence);

protected:
    // Forwards the store's changed rows only once something listens here (the console does;
    // a headless receiver does not, so its writer never reads them).
    void connectNotify(const QMetaMethod& signal) override;

private:
    qint64 nowMs() const;
    qint64 windowRequiredAt(const QString& e164);
    void storeOutgoing(const QList<OutgoingMessage>& messages,
                       QObject* context,
                       Callback<SendReceipt> done,
                       qint64 requireWindowOpenAt = 0,
                       const QString& agent = {});
    Result<OutgoingMessage> loadOutgoing(qint64 id);
    // Whether this process's outbox sends what it stores: always alone, only while it holds the
    // team's outbox lock on a shared database.
    bool sendsHere() const;
    // Turns what a sender left in flight into `unknown`, queues what is pending and starts the
    // outbox: at start alone, or once this process becomes the team's sender.
    void startSending(QObject* context, std::function<void(Result<void>)> done);

    Config m_config;
    MessageStore* m_store;
    QPointer<Provider> m_provider;
    QPointer<ProviderTraffic> m_traffic;
    QPointer<SandboxContact> m_sandboxContact;
    ServiceOptions m_options;
    // The service thread's one read connection (opened on first use, on this thread), shared
    // with the webhook ingest and the media fetcher; declared before them, so it outlives them.
    std::unique_ptr<MessageReader> m_reader;
    Outbox* m_outbox;
    TeamSender* m_teamSender = nullptr; // team mode, a receiver
    TeamWatch* m_teamWatch = nullptr; // team mode, a console
    WebhookIngest* m_webhooks;
    MediaFetcher* m_media;
    std::once_flag m_forwardsChanges;
};
