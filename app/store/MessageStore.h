#pragma once

#include "app/store/StoreOptions.h"
#include "app/store/StoreTypes.h"
#include "providers/Message.h"
#include "providers/Template.h"
#include "providers/WebhookEvent.h"

#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class MessageWriter;
class QThread;
class ResultRelay;
class StoreListener;
class StoreWorker;
struct StoreChanges;

// The message store's write side. Every call returns at once and may come from any thread; the
// work runs on the store's own writer thread, group-committed with whatever else is queued. The
// callback runs on `context`'s thread only after COMMIT (the write is durable), and is dropped if
// `context` dies first. A null context means nobody waits for the result.
//
// Reads go through MessageReader, which opens its own connection on the reading thread.
class MessageStore : public QObject
{
    Q_OBJECT

public:
    explicit MessageStore(StoreOptions options, QObject* parent = nullptr);
    // Finishes what is queued (those writes are committed), then stops the writer thread.
    ~MessageStore() override;

    QString database() const;
    // Team mode: a PostgreSQL database that several processes share.
    bool isShared() const;

    // Creates or upgrades the schema. Call once, before anything else; calls made before it
    // completes run after it (and fail with "store.closed" if opening failed).
    void open(QObject* context, Callback<OpenReport> done);

    // Outbox. A new row is `pending`; the contact and conversation are found by Phone::identityKey
    // or created. The provider given to markSending is the one the request goes to.
    // With `requireWindowOpenAt` (ms since the epoch), a conversation whose 24-hour window is
    // closed then is refused (Error::outsideWindow), in the same transaction.
    void insertOutgoing(const QString& provider,
                        const OutgoingMessage& message,
                        QObject* context,
                        Callback<InsertedMessage> done,
                        qint64 requireWindowOpenAt = 0,
                        const QString& agent = {});
    // Team mode: this console's heartbeat for the others (MessageWriter::publishPresence).
    void publishPresence(const AgentPresence& presence, QObject* context, Callback<void> done);
    void markSending(qint64 id, const QString& provider, QObject* context, Callback<MessageUpdate> done);
    // Stores the provider id and status, then applies statuses that arrived before this answer.
    void recordSendAccepted(qint64 id, const SendAccepted& accepted, QObject* context, Callback<MessageUpdate> done);
    // A transient failure: back to `pending` for the next attempt, the error kept for display.
    void recordSendRetry(qint64 id, const Error& error, QObject* context, Callback<MessageUpdate> done);
    void recordSendFailed(qint64 id, const Error& error, QObject* context, Callback<MessageUpdate> done);
    // The request may have left but no answer came: never resent on its own.
    void markUnknown(qint64 id, const QString& reason, QObject* context, Callback<MessageUpdate> done);
    // Operator: unknown/failed/undelivered -> pending (sent again by the outbox).
    void resetForResend(qint64 id, QObject* context, Callback<MessageUpdate> done);
    // Operator: pending/unknown -> failed ("dismissed"). Already failed: no-op.
    void dismiss(qint64 id, QObject* context, Callback<MessageUpdate> done);

    // Provider events. Statuses follow the ladder (provider-wire-reference §12.2); inbound
    // messages are idempotent on (provider, provider message id).
    void applyStatus(const StatusUpdate& update, QObject* context, Callback<StatusApplied> done);
    void insertInbound(const InboundMessage& message, QObject* context, Callback<InsertedMessage> done);
    // Logs the request and applies its events in one transaction: answer the provider 200 only
    // when this succeeds. An event with bad data is refused alone (see WebhookEventResult).
    void applyWebhook(const QList<WebhookEvent>& events,
                      const WebhookLogEntry& entry,
                      QObject* context,
                      Callback<WebhookApplied> done);
    // Any verdict; for refused and unparseable requests. Gives the new entry's id.
    void appendWebhookLog(const WebhookLogEntry& entry, QObject* context, Callback<qint64> done);

    // Replaces the provider's cached templates; gives how many were stored.
    void
    replaceTemplates(const QString& provider, const QList<Template>& templates, QObject* context, Callback<int> done);

    // At start, before the outbox runs: `sending` rows become `unknown`; lists what is pending.
    void recoverAtStartup(QObject* context, Callback<RecoveryReport> done);
    // Gives the unread count it cleared.
    void markConversationRead(qint64 conversationId, QObject* context, Callback<int> done);
    // The conversation id for `number`, creating contact and conversation when new (idempotent).
    void openConversation(const QString& number, QObject* context, Callback<qint64> done);
    // Whether this process holds the team's outbox lock, taking it when free: only its holder
    // sends (always true on SQLite). Held until the process ends.
    void claimOutbox(QObject* context, Callback<bool> done);
    // Drops early statuses older than 24 h (also done on its own every 10 minutes).
    void purgeEarlyStatuses(QObject* context, Callback<int> done);

    // Committed transactions and operations so far (group commit makes the first smaller).
    quint64 transactionCount() const;
    quint64 operationCount() const;

signals:
    // Emitted on this object's thread after the change is committed, with the row as it now is
    // (a message without its status history: MessageReader::message() has that). Rows are read
    // for these only from the first connection to either on: a receiver alone (headless) pays
    // nothing for them. In team mode they also carry what other processes commit.
    void messageChanged(const StoredMessage& message);
    void conversationChanged(const ConversationSummary& conversation);
    void templatesChanged();
    // Team mode: other processes' changes arrive from now on (after the first connection to the
    // change signals).
    void listeningToOthers();
    // Team mode: the listening connection was lost and is back (StoreListener::missedChanges).
    void missedChanges();
    // Team mode: another console's presence (StoreListener::presenceChanged).
    void presenceChanged(const AgentPresence& presence);

private:
    template <typename T>
    void submit(QObject* context, Callback<T> done, std::function<Result<T>(MessageWriter&)> work);
    ResultRelay* makeRelay(QObject* context, std::function<void()> deliver);
    void onCommitted(const StoreChanges& changes);

protected:
    // The writer reads the changed rows after each commit only once something listens for them.
    void connectNotify(const QMetaMethod& signal) override;

private:
    StoreOptions m_options;
    QString m_origin; // names this store in the changes it announces (team mode)
    QThread* m_thread = nullptr;
    StoreWorker* m_worker = nullptr;
    // Team mode: the other processes' changes, once something listens for changes.
    QThread* m_listenerThread = nullptr;
    StoreListener* m_listener = nullptr;
    std::atomic<bool> m_listening{false};
};
