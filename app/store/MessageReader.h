#pragma once

#include "app/store/StatementCache.h"
#include "app/store/StoreDialect.h"
#include "app/store/StoreTypes.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

class QThread;

// Read-only queries on a connection of its own, opened on first use on the thread that uses it
// (GUI thread, HTTP thread, ...). Create, use and destroy it on that one thread; WAL lets it read
// while the writer commits. Pages are keyset-paginated (`before` an id), never OFFSET.
class MessageReader
{
public:
    // `database`: a SQLite path or a PostgreSQL URI (see StoreDialect).
    explicit MessageReader(QString database, int busyTimeoutMs = 5000);
    ~MessageReader();
    MessageReader(const MessageReader&) = delete;
    MessageReader& operator=(const MessageReader&) = delete;

    // Queries open the connection themselves; call this to learn early whether it works.
    Result<void> open();

    // One message with its status history (oldest event first).
    Result<StoredMessage> message(qint64 id);
    // The message the provider knows by this id (a reply's quote, a reaction's target); none: nullopt.
    Result<std::optional<StoredMessage>> messageByProviderId(const QString& provider, const QString& providerMessageId);
    // Newest first. beforeId 0: from the newest.
    Result<QList<StoredMessage>> conversationMessages(qint64 conversationId, qint64 beforeId = 0, int limit = 50);
    // The page after `afterId`, oldest first (scrolling back down a thread).
    Result<QList<StoredMessage>> conversationMessagesAfter(qint64 conversationId, qint64 afterId, int limit = 50);
    // The HTTP API's ?contact=+E164&before=ID&limit=N; any WhatsApp spelling of the number matches.
    Result<QList<StoredMessage>> contactMessages(const QString& e164, qint64 beforeId = 0, int limit = 50);
    // Messages whose text matches (accents ignored, words as prefixes), newest first.
    Result<QList<StoredMessage>> searchMessages(const QString& text, qint64 beforeId = 0, int limit = 50);

    Result<ConversationSummary> conversation(qint64 id);
    Result<std::optional<ConversationSummary>> conversationForContact(const QString& e164);
    // Newest activity first, with the filters and search of `query`.
    Result<QList<ConversationSummary>> conversations(const ConversationQuery& query);

    Result<OutboxCounts> outboxCounts();
    // Oldest first: the order the outbox sends them in.
    Result<QList<qint64>> pendingMessageIds(int limit = 100);
    // Team mode: the agents whose consoles sent a heartbeat since then.
    Result<QList<AgentPresence>> presenceSince(qint64 sinceMs);
    // Team mode: whether any process holds the team's outbox lock, so messages are being sent.
    Result<bool> teamSenderRunning();
    // Outbound messages created at or after `sinceMs`, by current status.
    Result<DeliveryStats> deliveryStats(qint64 sinceMs);
    // The same counts in consecutive buckets of `bucketMs` from `sinceMs` (every bucket present).
    Result<QList<StatusBucket>> statusBuckets(qint64 sinceMs, qint64 bucketMs, int bucketCount);
    // From creation to the first delivered (or read) and the first read status, per message.
    Result<DeliveryTimes> deliveryTimes(qint64 sinceMs);
    // Most frequent first.
    Result<QList<FailureReason>> failureReasons(qint64 sinceMs);
    // Failed or undelivered outbound messages created since then, newest first; beforeId 0: from the newest.
    Result<QList<StoredMessage>> failedMessages(qint64 sinceMs, qint64 beforeId = 0, int limit = 50);
    Result<int> failedMessageCount(qint64 sinceMs);
    Result<int> conversationMessageCount(qint64 conversationId);
    // Unread inbound messages over every conversation.
    Result<int> unreadTotal();
    // The rows a commit changed, in one query each (ids not found are left out).
    Result<QList<StoredMessage>> messagesWithIds(const QList<qint64>& ids);
    Result<QList<ConversationSummary>> conversationsWithIds(const QList<qint64>& ids);

    // Empty provider: all of them.
    Result<QList<StoredTemplate>> templates(const QString& provider = {});

    // Newest first; beforeId 0: from the newest.
    Result<QList<WebhookLogEntry>> webhookLog(int limit = 50, qint64 beforeId = 0);
    Result<WebhookLogEntry> webhookLogEntry(qint64 id);

    Result<int> schemaVersion();

private:
    void close();
    Result<StatementCache*> statements();
    Result<QList<StoredMessage>> messages(const QString& where, const QVariantList& values);
    Result<QList<ConversationSummary>> conversationRows(const QString& where, const QVariantList& values);
    Result<int> count(const QString& sql, const QVariantList& values);

    std::unique_ptr<StoreDialect> m_dialect;
    int m_busyTimeoutMs = 5000;
    QString m_connectionName;
    QThread* m_thread = nullptr;
    std::unique_ptr<StatementCache> m_statements;
};
