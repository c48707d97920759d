#pragma once

#include "app/store/StatementCache.h"
#include "app/store/StoreDialect.h"
#include "app/store/StoreTypes.h"
#include "providers/Message.h"
#include "providers/WebhookEvent.h"

#include <QList>
#include <QSet>
#include <QSqlDatabase>

#include <functional>
#include <optional>

// The store's writes, run synchronously on the writer connection inside a transaction that the
// caller (StoreWorker) opens and commits. Each operation either succeeds or returns an Error and
// leaves its partial writes for the caller's savepoint to undo. Validation problems come back as
// Error::Kind::Validation; database failures as code "store.sql".
class MessageWriter
{
public:
    // What a committed operation changed, for the store's change signals.
    struct Changes
    {
        QSet<qint64> messages;
        QSet<qint64> conversations;
        bool templates = false;
        std::optional<AgentPresence> presence;
    };

    // `dialect` must outlive the writer.
    MessageWriter(QSqlDatabase db, const StoreDialect& dialect, std::function<qint64()> clock);

    Changes& changes();
    qint64 now() const;

    // Transaction control, used by StoreWorker. commit() also adds the transaction's new messages
    // to the full-text index.
    Result<void> begin();
    Result<void> commit();
    void rollback();
    Result<void> savepoint(const QString& name);
    // Tells the other processes on the database what this transaction changed, delivered when it
    // commits (nothing on SQLite). `origin` names this process's store, so it can skip its own.
    Result<void> announce(const Changes& changes, const QString& origin);

    // Whether this writer's connection holds the team's outbox lock (always, on SQLite).
    Result<bool> claimOutbox();

    // After an operation failed: whether it only lost a race with another writer (team mode), so
    // running its transaction again would succeed.
    bool failedOnContention() const;
    // After a failure, outside a transaction: the connection is gone (StatementCache::connectionLost).
    bool connectionLost();
    Result<void> release(const QString& name);
    Result<void> rollbackTo(const QString& name);

    // With `requireWindowOpenAt` (ms since the epoch), refuses a conversation whose 24-hour window
    // is closed then: checked in the transaction that inserts, so no read waits before it.
    Result<InsertedMessage> insertOutgoing(const QString& provider,
                                           const OutgoingMessage& message,
                                           qint64 requireWindowOpenAt = 0,
                                           const QString& agent = {});
    // Team mode: this agent's heartbeat (agent_presence), announced to the other consoles at commit.
    Result<void> publishPresence(const AgentPresence& presence);
    Result<MessageUpdate> markSending(qint64 id, const QString& provider);
    Result<MessageUpdate> recordSendAccepted(qint64 id, const SendAccepted& accepted);
    Result<MessageUpdate> recordSendRetry(qint64 id, const Error& error);
    Result<MessageUpdate> recordSendFailed(qint64 id, const Error& error);
    Result<MessageUpdate> markUnknown(qint64 id, const QString& reason);
    Result<MessageUpdate> resetForResend(qint64 id);
    Result<MessageUpdate> dismiss(qint64 id);

    Result<StatusApplied> applyStatus(const StatusUpdate& update);
    Result<InsertedMessage> insertInbound(const InboundMessage& message);
    Result<int> applyTemplateStatus(const TemplateStatusUpdate& update);
    Result<WebhookApplied> applyWebhook(const QList<WebhookEvent>& events, const WebhookLogEntry& entry);
    Result<qint64> appendWebhookLog(const WebhookLogEntry& entry);
    Result<int> replaceTemplates(const QString& provider, const QList<Template>& templates);

    Result<RecoveryReport> recoverAtStartup();
    Result<int> markConversationRead(qint64 conversationId);
    // The conversation with `number` (any spelling of it), created with its contact when new.
    Result<qint64> openConversation(const QString& number);
    Result<int> purgeEarlyStatuses(qint64 olderThan);
    // Deletes at most `maxRows` of the oldest webhook log entries received before `olderThan`.
    Result<int> purgeWebhookLog(qint64 olderThan, int maxRows);

private:
    // The inbound message already stored under its provider id, as a duplicate; none: nullopt.
    Result<std::optional<InsertedMessage>> storedInbound(const InboundMessage& message);
    struct MessageRow
    {
        qint64 id = 0;
        qint64 conversationId = 0;
        qint64 lastMessageId = 0;
        MessageDirection direction = MessageDirection::Outbound;
        MessageStatus status = MessageStatus::Pending;
        QString provider;
        QString providerMessageId;
    };

    struct StatusInput
    {
        MessageStatus status = MessageStatus::Unknown;
        QString rawStatus;
        QString errorCode;
        QString errorMessage;
        qint64 providerTime = 0;
    };

    Result<MessageRow> outgoingRow(qint64 id);
    // Finds the contact by Phone::identityKey or creates it. `strict`: refuse a number
    // libphonenumber cannot parse (outgoing); otherwise keep it as digits (inbound).
    Result<qint64> ensureContact(const QString& number, const QString& profileName, bool strict);
    // 0 when no contact has that key; updates the profile name when a new one is given.
    Result<qint64> findContact(const QString& key, const QString& profileName);
    Result<qint64> ensureConversation(qint64 contactId);
    Result<void> addHistory(qint64 messageId, const StatusInput& input);
    // Moves an outgoing row to `status` and records it, when the current status is one of `from`.
    // Already at `status`: a no-op (changed = false).
    Result<MessageUpdate> transition(qint64 id,
                                     std::initializer_list<MessageStatus> from,
                                     MessageStatus to,
                                     const StatusInput& input,
                                     bool clearProviderId = false);
    Result<StatusApplied> applyToMessage(MessageRow& row, const StatusInput& input);
    void touched(const MessageRow& row);
    Result<void> indexNewMessages();

    StatementCache m_sql;
    const StoreDialect& m_dialect;
    std::function<qint64()> m_clock;
    Changes m_changes;
    qint64 m_lastIdBefore = 0;
};
