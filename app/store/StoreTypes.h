#pragma once

#include "app/store/MessageExtras.h"
#include "providers/Callback.h"
#include "providers/Message.h"
#include "providers/MessageStatus.h"
#include "providers/Result.h"
#include "providers/Template.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

// Value rows the store hands out. They are plain copies: safe to pass between threads.
// Times are epoch milliseconds UTC; 0 means "not set".

enum class MessageDirection
{
    Inbound,
    Outbound,
};

// One entry of a message's status timeline, as it came (raw provider word included).
struct StatusEvent
{
    qint64 id = 0;
    qint64 messageId = 0;
    MessageStatus status = MessageStatus::Unknown;
    QString rawStatus;
    QString errorCode;
    QString errorMessage;
    qint64 providerTime = 0;
    qint64 receivedAt = 0;
};

// What a reply shows of the message it answers, read in the same query as the reply itself.
struct QuotedMessage
{
    qint64 id = 0;
    MessageDirection direction = MessageDirection::Outbound;
    QString contactE164;
    QString contactName;
    MessageType type = MessageType::Text;
    QString body;
    QString mediaUrl;
    QStringList templateParameters;
    MessageExtras extra;
};

struct StoredMessage
{
    qint64 id = 0;
    qint64 conversationId = 0;
    qint64 contactId = 0;
    QString contactE164;
    QString contactName;
    MessageDirection direction = MessageDirection::Outbound;
    QString provider;
    QString providerMessageId;
    MessageType type = MessageType::Text;
    QString body; // text, or a media caption
    QString mediaUrl; // the first media URL; extra.mediaUrls holds all of an outgoing message's
    QString mediaId;
    QString mediaMime;
    QString templateName;
    QString templateLanguage;
    QStringList templateParameters;
    MessageStatus status = MessageStatus::Pending;
    QString errorCode;
    QString errorMessage;
    QString replyTo; // provider id of the message this one answers
    // The message replyTo names, when the store holds it (same provider); none: not available.
    std::optional<QuotedMessage> quoted;
    QJsonObject metadata; // caller's metadata (HTTP API `metadata`)
    MessageExtras extra; // kind-specific fields: location, contacts, reaction, button, media details
    QJsonObject raw; // the provider's own fields (inbound)
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QList<StatusEvent> history; // filled by MessageReader::message() only, oldest first
    QString agent; // outbound: the agent whose console wrote it (FLOWCHAT_AGENT); empty: the HTTP API
};

// Team mode: what one agent's console is showing, published as a heartbeat (and at once when it
// changes) so the others can show "Ana is viewing" / "Ana is replying…".
struct AgentPresence
{
    QString agent;
    qint64 conversationId = 0; // 0: no conversation open
    bool typing = false;
    qint64 at = 0; // epoch ms of the heartbeat
};

// How a presence travels in a NOTIFY payload; fromJson gives an empty agent for anything else.
QJsonObject presenceToJson(const AgentPresence& presence);
AgentPresence presenceFromJson(const QJsonObject& json);

// WhatsApp's customer service window: free-form messages only within 24 hours of the customer's
// last message.
constexpr qint64 kCustomerWindowMs = 24LL * 60 * 60 * 1000;

inline bool customerWindowOpen(qint64 lastInboundAt, qint64 nowMs)
{
    return lastInboundAt > 0 && nowMs - lastInboundAt < kCustomerWindowMs;
}

struct ConversationSummary
{
    qint64 id = 0;
    qint64 contactId = 0;
    QString e164;
    QString profileName;
    qint64 lastInboundAt = 0; // the customer's last message: the 24-hour window runs from here
    qint64 lastMessageAt = 0;
    int unreadCount = 0;
    qint64 lastMessageId = 0;
    // Preview of the last message (empty when the conversation has none).
    QString lastBody;
    MessageType lastType = MessageType::Text;
    MessageDirection lastDirection = MessageDirection::Outbound;
    MessageStatus lastStatus = MessageStatus::Pending;

    bool windowOpenAt(qint64 nowMs) const
    {
        return customerWindowOpen(lastInboundAt, nowMs);
    }
};

// Keyset position in the conversation list (newest activity first): the last row already shown.
struct ConversationCursor
{
    qint64 lastMessageAt = 0;
    qint64 id = 0;
};

struct ConversationQuery
{
    std::optional<ConversationCursor> after; // rows strictly after this one; none = first page
    int limit = 50;
    bool unreadOnly = false;
    qint64 windowOpenAt = 0; // when set: only conversations whose 24-hour window is open at this time
    QString search; // names, numbers and message text; empty = no search
};

struct OutboxCounts
{
    int pending = 0;
    int sending = 0;
    int unknown = 0;
    int failed = 0;
};

struct DeliveryStats
{
    int total = 0; // outbound messages created since the given time
    int pending = 0;
    int sending = 0;
    int queued = 0;
    int sent = 0;
    int delivered = 0;
    int read = 0;
    int failed = 0; // failed and undelivered
    int unknown = 0;
};

// Outbound messages created in one time bucket, by their current status (dashboard chart).
struct StatusBucket
{
    qint64 startMs = 0;
    DeliveryStats counts;
};

// How long outbound messages took to reach the customer (medians over those that did).
struct DeliveryTimes
{
    int deliveredCount = 0;
    int readCount = 0;
    qint64 medianToDeliveredMs = -1; // -1: none delivered
    qint64 medianToReadMs = -1;
};

// Failed outbound messages grouped by provider and error code.
struct FailureReason
{
    QString provider;
    QString errorCode;
    QString sampleMessage; // the provider's own words, from the latest one
    int count = 0;
    qint64 lastSeenMs = 0;
};

// What the delivery dashboard asks for: the period and its chart's buckets.
struct DeliveryReportQuery
{
    qint64 sinceMs = 0;
    qint64 chartStartMs = 0;
    qint64 bucketMs = 0;
    int buckets = 0;
};

// Everything the dashboard shows for one period, read in one go.
struct DeliveryReport
{
    DeliveryStats stats;
    DeliveryTimes times;
    QList<StatusBucket> chart;
    QList<FailureReason> failures;
};

struct WebhookLogEntry
{
    enum class Verdict
    {
        Accepted,
        Refused, // signature or token check failed
        Invalid, // could not be parsed
    };

    qint64 id = 0;
    qint64 receivedAt = 0; // 0: the store stamps it
    QString provider;
    Verdict verdict = Verdict::Accepted;
    QString reason;
    QJsonObject headers; // the headers that matter; never the auth header
    QByteArray body;
    QString url;
};

struct StoredTemplate
{
    QString provider;
    Template value;
    qint64 syncedAt = 0;
};

// Result of writing a message row (outgoing or inbound).
struct InsertedMessage
{
    qint64 id = 0;
    qint64 conversationId = 0;
    qint64 contactId = 0;
    bool duplicate = false; // inbound only: the provider id was already stored; id is the existing row
};

// Result of an outbox transition (markSending, recordSendAccepted, ...).
struct MessageUpdate
{
    qint64 id = 0;
    qint64 conversationId = 0;
    MessageStatus status = MessageStatus::Pending;
    bool changed = false; // false when the call was a no-op (already in that state)
    int earlyApplied = 0; // recordSendAccepted: early statuses applied
};

struct StatusApplied
{
    enum class Outcome
    {
        Applied, // the current status moved up (or to failed/undelivered)
        HistoryOnly, // recorded in the history; the current status stays (lower rank, late failure, terminal)
        Duplicate, // already seen: nothing written
        Early, // no message carries that provider id yet: kept in early_statuses
    };

    Outcome outcome = Outcome::Applied;
    qint64 messageId = 0; // 0 when early
    qint64 conversationId = 0;
    MessageStatus current = MessageStatus::Unknown; // the message's status afterwards
};

// Per-event outcome of applyWebhook. `error` is set when the event itself was refused (bad data);
// the rest of the webhook is still stored and acknowledged.
struct WebhookEventResult
{
    enum class Kind
    {
        Inbound,
        Status,
        Template,
    };

    Kind kind = Kind::Inbound;
    std::optional<InsertedMessage> inserted;
    std::optional<StatusApplied> status;
    int templatesUpdated = 0;
    std::optional<Error> error;
};

struct WebhookApplied
{
    qint64 logId = 0;
    QList<WebhookEventResult> events;
};

struct RecoveryReport
{
    QList<qint64> unknownIds; // were `sending` when the last run stopped
    QList<qint64> pendingIds; // still to send, oldest first
    bool noMessages = false; // the store holds no message at all (a newcomer's first start)
};

struct OpenReport
{
    int versionBefore = 0;
    int version = 0;
};

namespace StoreNames
{
QString direction(MessageDirection direction);
std::optional<MessageDirection> directionFromString(const QString& name);
QString verdict(WebhookLogEntry::Verdict verdict);
std::optional<WebhookLogEntry::Verdict> verdictFromString(const QString& name);
} // namespace StoreNames
