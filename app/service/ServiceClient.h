#pragma once

#include "app/service/ProviderHealth.h"
#include "app/service/WhatsAppService.h"
#include "app/store/ResultRelay.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <memory>
#include <optional>

class ProviderTraffic;
class StoreReader;

// The console's handle on a WhatsAppService that runs on a thread of its own (ServiceHost on the
// service thread). Every call is queued to the service's thread and answers on `context`'s thread;
// what the console shows of the service's state (outbox length and pause, provider health) is kept
// here as values, updated by queued signals, so no widget ever reads across threads. It also holds
// the console's read side: one StoreReader on the service's store.
//
// The service must outlive its attachment: the console calls detach() before it stops the service;
// from then on calls answer "unavailable" and the reader keeps serving the window until it goes.
class ServiceClient : public QObject
{
    Q_OBJECT
public:
    explicit ServiceClient(WhatsAppService* service, QObject* parent = nullptr);
    ~ServiceClient() override;

    // No call reaches the service after this (it is about to stop); state signals stop too.
    void detach();
    bool isAttached() const;

    StoreReader* reader() const;
    // The provider's recent exchanges: written on the service thread, read here as snapshots.
    // Null once detached: drop it before the service stops.
    ProviderTraffic* providerTraffic() const;
    // "meta", "twilio" or "sandbox"-backed provider's own name; empty without a provider.
    QString providerName() const;
    bool isSandbox() const;

    int outboxLength() const;
    bool isOutboxPaused() const;
    ProviderHealth::State healthState() const;
    QString healthDetail() const;

    // Team mode: this console is a client of a shared database (it sends through the team's
    // sender), whether that database answers, and whether a sender runs; teamChanged() follows
    // each change. Outside team mode both are simply true.
    bool isTeamConsole() const;
    bool isDatabaseReachable() const;
    bool isTeamSenderRunning() const;
    // What was tried and what to check, while the database does not answer.
    QString databaseProblem() const;
    // Who works at this console (FLOWCHAT_AGENT): recorded on everything sent from here.
    QString agentName() const;
    // Team mode: tells the other consoles what this agent is looking at and whether they type.
    void publishPresence(qint64 conversationId, bool typing);

    void send(const SendRequest& request, QObject* context, Callback<SendReceipt> done);
    void sendTemplate(const TemplateSendRequest& request, QObject* context, Callback<SendReceipt> done);
    void resend(qint64 id, QObject* context, Callback<SendReceipt> done);
    void dismiss(qint64 id, QObject* context, Callback<SendReceipt> done);
    void replayWebhook(qint64 logId, QObject* context, Callback<WebhookOutcome> done);
    void syncTemplates(QObject* context, Callback<int> done);
    void fetchMedia(qint64 messageId, QObject* context, Callback<QString> done);
    void openConversation(const QString& number, QObject* context, Callback<ConversationSummary> done);
    void simulateCustomerMessage(QObject* context, Callback<void> done);
    void markConversationRead(qint64 conversationId);
    void resumeOutbox();
    // Probes the provider now; healthChanged() follows.
    void checkProvider();

signals:
    // After each commit, with the changed rows as values (see MessageStore).
    void messageChanged(const StoredMessage& message);
    void conversationChanged(const ConversationSummary& conversation);
    void templatesChanged();
    void outboxChanged(int length, bool paused);
    void webhookRefused(const QString& reason);
    void providerProblem(const Error& error);
    void healthChanged(ProviderHealth::State state, const QString& detail);
    void teamChanged();
    // Team mode: other consoles' changes may have been missed while the database was away; read
    // what is shown again.
    void missedChanges();
    // Team mode: another console's agent, what they look at and whether they type.
    void presenceChanged(const AgentPresence& presence);

private:
    // Runs `call` on the service thread with the service and a callback that carries its result
    // back to `done` on `context`'s thread (dropped if `context` died first).
    template <typename T>
    void ask(QObject* context,
             Callback<T> done,
             std::function<void(WhatsAppService& service, QObject* serviceContext, Callback<T> answer)> call)
    {
        if (!m_service) {
            answerUnavailable<T>(context, std::move(done));
            return;
        }
        auto result = std::make_shared<std::optional<Result<T>>>();
        ResultRelay* relay = nullptr;
        if (context && done) {
            relay = ResultRelay::create(
                context, [result, done = std::move(done)] { done(std::move(**result)); }, m_service->thread());
        }
        WhatsAppService* service = m_service;
        QMetaObject::invokeMethod(
            service,
            [service, result, relay, call = std::move(call)] {
                call(*service, service, [result, relay](Result<T> answer) {
                    *result = std::move(answer);
                    ResultRelay::send(relay);
                });
            },
            Qt::QueuedConnection);
    }
    template <typename T>
    static void answerUnavailable(QObject* context, Callback<T> done)
    {
        deliverLater<T>(
            context,
            std::move(done),
            Unexpected(Error::unavailable(QStringLiteral("service.stopped"),
                                          tr("The message service is restarting; try again in a moment."))));
    }
    // Queues a read of the outbox's state on the service thread; outboxChanged() follows.
    void refreshOutbox();
    void setOutbox(int length, bool paused);
    void setHealth(ProviderHealth::State state, const QString& detail);
    void setTeam(bool databaseReachable, bool senderRunning, const QString& problem);

    WhatsAppService* m_service; // null once detached
    ProviderHealth* m_health; // lives on the service thread; deleted there (null once detached)
    std::unique_ptr<StoreReader> m_reader;
    ProviderTraffic* m_traffic; // thread-safe; lives until the service stops (see detach())
    QString m_providerName;
    bool m_sandbox = false;
    bool m_teamConsole = false;
    QString m_agent;
    bool m_databaseReachable = true;
    bool m_teamSenderRunning = true;
    QString m_databaseProblem;
    int m_outboxLength = 0;
    bool m_outboxPaused = false;
    ProviderHealth::State m_healthState = ProviderHealth::State::Checking;
    QString m_healthDetail;
};
