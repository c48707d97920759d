#include "app/store/MessageReader.h"

#include "app/AppLogging.h"
#include "app/store/StoreSql.h"
#include "providers/Phone.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlRecord>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <limits>

namespace
{

std::atomic<int> s_readerCounter{0};

const QString kMessageColumns = QStringLiteral(
    "SELECT m.id, m.conversation_id, c.contact_id, ct.e164, ct.profile_name, m.direction, m.provider, "
    "m.provider_message_id, m.type, m.body, m.media_url, m.media_id, m.media_mime, m.template_name, "
    "m.template_language, m.parameters, m.status, m.error_code, m.error_message, m.reply_to, m.metadata, m.extra, "
    "m.raw, m.created_at, m.updated_at, "
    "q.id, q.direction, qct.e164, qct.profile_name, q.type, q.body, q.media_url, q.parameters, q.extra, m.agent "
    "FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN contacts ct ON ct.id = c.contact_id "
    // A reply's quote comes with it (unique on provider and provider id): no query per row later.
    "LEFT JOIN messages q ON m.reply_to <> '' AND q.provider = m.provider AND q.provider_message_id = m.reply_to "
    "LEFT JOIN conversations qc ON qc.id = q.conversation_id LEFT JOIN contacts qct ON qct.id = qc.contact_id ");

const QString kConversationColumns =
    QStringLiteral("SELECT cv.id, cv.contact_id, ct.e164, ct.profile_name, cv.last_inbound_at, cv.last_message_at, "
                   "cv.unread_count, cv.last_message_id, m.body, m.type, m.direction, m.status "
                   "FROM conversations cv JOIN contacts ct ON ct.id = cv.contact_id "
                   "LEFT JOIN messages m ON m.id = cv.last_message_id ");

qint64 upperBound(qint64 beforeId)
{
    return beforeId > 0 ? beforeId : std::numeric_limits<qint64>::max();
}

// Every row `sql` selects, each made a value by `from`.
template <typename Row>
Result<QList<Row>> readRows(Result<StatementCache*> statements,
                            const QString& sql,
                            const QVariantList& values,
                            Row (*from)(const QSqlQuery&))
{
    if (!statements) {
        return Unexpected(statements.error());
    }
    auto query = (*statements)->run(sql, values);
    if (!query) {
        return Unexpected(query.error());
    }
    QList<Row> out;
    while ((*query)->next()) {
        out << from(**query);
    }
    (*query)->finish();
    return out;
}

int clampLimit(int limit)
{
    return std::clamp(limit, 1, 1000);
}

MessageStatus statusFrom(const QVariant& column)
{
    return Status::fromString(column.toString()).value_or(MessageStatus::Unknown);
}

void addToStats(DeliveryStats& stats, MessageStatus status, int n)
{
    stats.total += n;
    switch (status) {
    case MessageStatus::Pending:
        stats.pending += n;
        break;
    case MessageStatus::Sending:
        stats.sending += n;
        break;
    case MessageStatus::Queued:
        stats.queued += n;
        break;
    case MessageStatus::Sent:
        stats.sent += n;
        break;
    case MessageStatus::Delivered:
        stats.delivered += n;
        break;
    case MessageStatus::Read:
        stats.read += n;
        break;
    case MessageStatus::Failed:
    case MessageStatus::Undelivered:
        stats.failed += n;
        break;
    default:
        stats.unknown += n;
        break;
    }
}

StoredMessage messageFrom(const QSqlQuery& q)
{
    StoredMessage m;
    m.id = q.value(0).toLongLong();
    m.conversationId = q.value(1).toLongLong();
    m.contactId = q.value(2).toLongLong();
    m.contactE164 = q.value(3).toString();
    m.contactName = q.value(4).toString();
    m.direction = StoreNames::directionFromString(q.value(5).toString()).value_or(MessageDirection::Outbound);
    m.provider = q.value(6).toString();
    m.providerMessageId = q.value(7).toString();
    m.type = MessageTypes::fromString(q.value(8).toString()).value_or(MessageType::Unsupported);
    m.body = q.value(9).toString();
    m.mediaUrl = q.value(10).toString();
    m.mediaId = q.value(11).toString();
    m.mediaMime = q.value(12).toString();
    m.templateName = q.value(13).toString();
    m.templateLanguage = q.value(14).toString();
    m.templateParameters = StoreSql::listFrom(q.value(15));
    m.status = statusFrom(q.value(16));
    m.errorCode = q.value(17).toString();
    m.errorMessage = q.value(18).toString();
    m.replyTo = q.value(19).toString();
    m.metadata = StoreSql::objectFrom(q.value(20));
    m.extra = MessageExtras::fromJson(StoreSql::objectFrom(q.value(21)));
    m.raw = StoreSql::objectFrom(q.value(22));
    m.createdAt = q.value(23).toLongLong();
    m.updatedAt = q.value(24).toLongLong();
    if (!q.value(25).isNull()) {
        QuotedMessage quoted;
        quoted.id = q.value(25).toLongLong();
        quoted.direction = StoreNames::directionFromString(q.value(26).toString()).value_or(MessageDirection::Outbound);
        quoted.contactE164 = q.value(27).toString();
        quoted.contactName = q.value(28).toString();
        quoted.type = MessageTypes::fromString(q.value(29).toString()).value_or(MessageType::Unsupported);
        quoted.body = q.value(30).toString();
        quoted.mediaUrl = q.value(31).toString();
        quoted.templateParameters = StoreSql::listFrom(q.value(32));
        quoted.extra = MessageExtras::fromJson(StoreSql::objectFrom(q.value(33)));
        m.quoted = quoted;
    }
    m.agent = q.value(34).toString();
    return m;
}

ConversationSummary conversationFrom(const QSqlQuery& q)
{
    ConversationSummary c;
    c.id = q.value(0).toLongLong();
    c.contactId = q.value(1).toLongLong();
    c.e164 = q.value(2).toString();
    c.profileName = q.value(3).toString();
    c.lastInboundAt = q.value(4).toLongLong();
    c.lastMessageAt = q.value(5).toLongLong();
    c.unreadCount = q.value(6).toInt();
    c.lastMessageId = q.value(7).toLongLong();
    c.lastBody = q.value(8).toString();
    c.lastType = MessageTypes::fromString(q.value(9).toString()).value_or(MessageType::Text);
    c.lastDirection = StoreNames::directionFromString(q.value(10).toString()).value_or(MessageDirection::Outbound);
    c.lastStatus = statusFrom(q.value(11));
    return c;
}

WebhookLogEntry webhookFrom(const QSqlQuery& q)
{
    WebhookLogEntry e;
    e.id = q.value(0).toLongLong();
    e.receivedAt = q.value(1).toLongLong();
    e.provider = q.value(2).toString();
    e.verdict = StoreNames::verdictFromString(q.value(3).toString()).value_or(WebhookLogEntry::Verdict::Invalid);
    e.reason = q.value(4).toString();
    e.headers = StoreSql::objectFrom(q.value(5));
    e.body = q.value(6).toByteArray();
    e.url = q.value(7).toString();
    return e;
}

QString identityKeyOf(const QString& e164)
{
    const QString key = Phone::identityKey(e164);
    return key.isEmpty() ? e164 : key;
}

Error notFound(const QString& what, qint64 id)
{
    return StoreSql::notFound(what, id);
}

} // namespace

MessageReader::MessageReader(QString database, int busyTimeoutMs)
    : m_dialect(StoreDialect::forDatabase(database))
    , m_busyTimeoutMs(busyTimeoutMs)
    , m_connectionName(QStringLiteral("flowchat.store.reader.%1").arg(++s_readerCounter))
{
}

MessageReader::~MessageReader()
{
    close();
}

void MessageReader::close()
{
    if (m_statements) {
        m_statements.reset();
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

Result<void> MessageReader::open()
{
    auto opened = statements();
    return opened ? Result<void>() : Unexpected(opened.error());
}

Result<StatementCache*> MessageReader::statements()
{
    if (m_statements) {
        if (QThread::currentThread() != m_thread) {
            Error e;
            e.kind = Error::Kind::Permanent;
            e.code = QStringLiteral("store.wrong_thread");
            e.message = QStringLiteral("a MessageReader is used on the thread that opened it only");
            return Unexpected(e);
        }
        if (!m_statements->connectionLost()) {
            return m_statements.get();
        }
        // The server went away (restart, network): this read opens a new connection.
        qCInfo(lcStore) << "the reader lost its database connection; connecting again";
        close();
    }
    auto db = m_dialect->open(m_connectionName, StoreDialect::Access::ReadOnly, m_busyTimeoutMs);
    if (!db) {
        QSqlDatabase::removeDatabase(m_connectionName);
        return Unexpected(db.error());
    }
    m_thread = QThread::currentThread();
    m_statements = std::make_unique<StatementCache>(*db);
    return m_statements.get();
}

Result<QList<StoredMessage>> MessageReader::messages(const QString& where, const QVariantList& values)
{
    return readRows(statements(), kMessageColumns + where, values, &messageFrom);
}

Result<StoredMessage> MessageReader::message(qint64 id)
{
    auto found = messages(QStringLiteral("WHERE m.id = ?"), {id});
    if (!found) {
        return Unexpected(found.error());
    }
    if (found->isEmpty()) {
        return Unexpected(notFound(QStringLiteral("message"), id));
    }
    StoredMessage message = found->takeFirst();
    auto history = (*statements())
                       ->run(QStringLiteral("SELECT id, message_id, status, raw_status, error_code, "
                                            "error_message, provider_time, received_at "
                                            "FROM message_status_events WHERE message_id = ? ORDER BY id"),
                             {id});
    if (!history) {
        return Unexpected(history.error());
    }
    QSqlQuery* q = *history;
    while (q->next()) {
        message.history << StatusEvent{q->value(0).toLongLong(),
                                       q->value(1).toLongLong(),
                                       statusFrom(q->value(2)),
                                       q->value(3).toString(),
                                       q->value(4).toString(),
                                       q->value(5).toString(),
                                       q->value(6).toLongLong(),
                                       q->value(7).toLongLong()};
    }
    q->finish();
    return message;
}

Result<QList<StoredMessage>> MessageReader::conversationMessages(qint64 conversationId, qint64 beforeId, int limit)
{
    return messages(QStringLiteral("WHERE m.conversation_id = ? AND m.id < ? ORDER BY m.id DESC LIMIT ?"),
                    {conversationId, upperBound(beforeId), clampLimit(limit)});
}

Result<std::optional<StoredMessage>> MessageReader::messageByProviderId(const QString& provider,
                                                                        const QString& providerMessageId)
{
    const Result<QList<StoredMessage>> found = messages(
        QStringLiteral("WHERE m.provider = ? AND m.provider_message_id = ? LIMIT 1"), {provider, providerMessageId});
    if (!found) {
        return Unexpected(found.error());
    }
    return found->isEmpty() ? std::nullopt : std::optional<StoredMessage>(found->first());
}

Result<QList<StoredMessage>> MessageReader::conversationMessagesAfter(qint64 conversationId, qint64 afterId, int limit)
{
    return messages(QStringLiteral("WHERE m.conversation_id = ? AND m.id > ? ORDER BY m.id ASC LIMIT ?"),
                    {conversationId, afterId, clampLimit(limit)});
}

Result<QList<StoredMessage>> MessageReader::contactMessages(const QString& e164, qint64 beforeId, int limit)
{
    return messages(QStringLiteral("WHERE ct.identity_key = ? AND m.id < ? ORDER BY m.id DESC LIMIT ?"),
                    {identityKeyOf(e164), upperBound(beforeId), clampLimit(limit)});
}

Result<QList<StoredMessage>> MessageReader::searchMessages(const QString& text, qint64 beforeId, int limit)
{
    const QString match = m_dialect->fullTextQuery(text);
    if (match.isEmpty()) {
        return QList<StoredMessage>();
    }
    return messages(QStringLiteral("WHERE m.id IN (") + m_dialect->messageIdsMatching()
                        + QStringLiteral(") AND m.id < ? ORDER BY m.id DESC LIMIT ?"),
                    {match, upperBound(beforeId), clampLimit(limit)});
}

Result<ConversationSummary> MessageReader::conversation(qint64 id)
{
    Result<QList<ConversationSummary>> found = conversationRows(QStringLiteral("WHERE cv.id = ?"), {id});
    if (!found) {
        return Unexpected(found.error());
    }
    if (found->isEmpty()) {
        return Unexpected(notFound(QStringLiteral("conversation"), id));
    }
    return found->takeFirst();
}

Result<std::optional<ConversationSummary>> MessageReader::conversationForContact(const QString& e164)
{
    const Result<QList<ConversationSummary>> found =
        conversationRows(QStringLiteral("WHERE ct.identity_key = ?"), {identityKeyOf(e164)});
    if (!found) {
        return Unexpected(found.error());
    }
    return found->isEmpty() ? std::nullopt : std::optional<ConversationSummary>(found->first());
}

Result<QList<ConversationSummary>> MessageReader::conversations(const ConversationQuery& filter)
{
    // Fixed fragments only; everything the user typed is bound.
    QStringList conditions;
    QVariantList values;
    if (filter.after) {
        conditions << QStringLiteral("(cv.last_message_at < ? OR (cv.last_message_at = ? AND cv.id < ?))");
        values << filter.after->lastMessageAt << filter.after->lastMessageAt << filter.after->id;
    }
    if (filter.unreadOnly) {
        conditions << QStringLiteral("cv.unread_count > 0");
    }
    if (filter.windowOpenAt > 0) {
        conditions << QStringLiteral("cv.last_inbound_at > ?");
        values << filter.windowOpenAt - kCustomerWindowMs;
    }
    const QString search = filter.search.trimmed();
    if (!search.isEmpty()) {
        QStringList matches;
        const QString words = m_dialect->fullTextQuery(search);
        if (!words.isEmpty()) {
            matches << QStringLiteral("cv.contact_id IN (") + m_dialect->contactIdsMatching() + QLatin1Char(')');
            values << words;
            matches << QStringLiteral("cv.id IN (SELECT m2.conversation_id FROM messages m2 WHERE m2.id IN (")
                           + m_dialect->messageIdsMatching() + QStringLiteral("))");
            values << words;
        }
        QString digits;
        for (const QChar c : search) {
            if (c.isDigit()) {
                digits += c;
            }
        }
        // A few digits anywhere in the number; shorter runs would match nearly everyone.
        if (digits.size() >= 3) {
            matches << QStringLiteral("ct.e164 LIKE ?");
            values << QString(QLatin1Char('%') + digits + QLatin1Char('%'));
        }
        if (matches.isEmpty()) {
            return QList<ConversationSummary>();
        }
        conditions << QLatin1Char('(') + matches.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    }
    QString where;
    if (!conditions.isEmpty()) {
        where = QStringLiteral("WHERE ") + conditions.join(QStringLiteral(" AND "));
    }
    where += QStringLiteral(" ORDER BY cv.last_message_at DESC, cv.id DESC LIMIT ?");
    values << clampLimit(filter.limit);
    return conversationRows(where, values);
}

Result<OutboxCounts> MessageReader::outboxCounts()
{
    auto sql = statements();
    if (!sql) {
        return Unexpected(sql.error());
    }
    auto rows =
        (*sql)->all(QStringLiteral("SELECT status, COUNT(*) FROM messages WHERE direction = 'out' "
                                   "AND status IN ('pending', 'sending', 'unknown', 'failed') GROUP BY status"));
    if (!rows) {
        return Unexpected(rows.error());
    }
    OutboxCounts counts;
    for (const QSqlRecord& r : *rows) {
        const MessageStatus status = statusFrom(r.value(0));
        const int n = r.value(1).toInt();
        switch (status) {
        case MessageStatus::Pending:
            counts.pending = n;
            break;
        case MessageStatus::Sending:
            counts.sending = n;
            break;
        case MessageStatus::Unknown:
            counts.unknown = n;
            break;
        case MessageStatus::Failed:
            counts.failed = n;
            break;
        default:
            break;
        }
    }
    return counts;
}

Result<QList<AgentPresence>> MessageReader::presenceSince(qint64 sinceMs)
{
    auto sql = statements();
    if (!sql) {
        return Unexpected(sql.error());
    }
    auto rows = (*sql)->all(
        QStringLiteral("SELECT agent, conversation_id, typing, seen_at FROM agent_presence WHERE seen_at >= ?"),
        {sinceMs});
    if (!rows) {
        return Unexpected(rows.error());
    }
    QList<AgentPresence> presences;
    for (const QSqlRecord& r : *rows) {
        presences << AgentPresence{
            r.value(0).toString(), r.value(1).toLongLong(), r.value(2).toInt() != 0, r.value(3).toLongLong()};
    }
    return presences;
}

Result<bool> MessageReader::teamSenderRunning()
{
    auto sql = statements();
    if (!sql) {
        return Unexpected(sql.error());
    }
    const QString query = m_dialect->outboxLockHeld();
    if (query.isEmpty()) {
        return Unexpected(
            Error::validation(QStringLiteral("database"), QStringLiteral("only a shared database has a team sender")));
    }
    auto row = (*sql)->one(query);
    if (!row) {
        return Unexpected(row.error());
    }
    return *row && (*row)->value(0).toBool();
}

Result<QList<qint64>> MessageReader::pendingMessageIds(int limit)
{
    auto sql = statements();
    if (!sql) {
        return Unexpected(sql.error());
    }
    auto rows = (*sql)->all(QStringLiteral("SELECT id FROM messages WHERE status = 'pending' AND direction = 'out' "
                                           "ORDER BY id LIMIT ?"),
                            {clampLimit(limit)});
    if (!rows) {
        return Unexpected(rows.error());
    }
    QList<qint64> ids;
    for (const QSqlRecord& r : *rows) {
        ids << r.value(0).toLongLong();
    }
    return ids;
}

Result<DeliveryStats> MessageReader::deliveryStats(qint64 sinceMs)
{
    auto sql = statements();
    if (!sql) {
        return Unexpected(sql.error());
    }
    auto rows = (*sql)->all(QStringLiteral("SELECT status, COUNT(*) FROM messages WHERE direction = 'out' "
                                           "AND created_at >= ? GROUP BY status"),
                            {sinceMs});
    if (!rows) {
        return Unexpected(rows.error());
    }
    DeliveryStats stats;
    for (const QSqlRecord& r : *rows) {
        addToStats(stats, statusFrom(r.value(0)), r.value(1).toInt());
    }
    return stats;
}

Result<QList<StatusBucket>> MessageReader::statusBuckets(qint64 sinceMs, qint64 bucketMs, int bucketCount)
{
    auto sql = statements();
    if (!sql) {
        return Unexpected(sql.error());
    }
    bucketMs = std::max<qint64>(1, bucketMs);
    const qint64 untilMs = sinceMs + bucketMs * bucketCount;
    auto rows = (*sql)->all(QStringLiteral("SELECT (created_at - ?) / ?, status, COUNT(*) FROM messages "
                                           "WHERE direction = 'out' AND created_at >= ? AND created_at < ? "
                                           "GROUP BY 1, 2"),
                            {sinceMs, bucketMs, sinceMs, untilMs});
    if (!rows) {
        return Unexpected(rows.error());
    }
    QList<StatusBucket> buckets(bucketCount);
    for (int i = 0; i < bucketCount; ++i) {
        buckets[i].startMs = sinceMs + bucketMs * i;
    }
    for (const QSqlRecord& r : *rows) {
        const qint64 index = r.value(0).toLongLong();
        if (index >= 0 && index < bucketCount) {
            addToStats(buckets[index].counts, statusFrom(r.value(1)), r.value(2).toInt());
        }
    }
    return buckets;
}

Result<DeliveryTimes> MessageReader::deliveryTimes(qint64 sinceMs)
{
    auto sql = statements();
    if (!sql) {
        return Unexpected(sql.error());
    }
    // The provider's own time when it sent one, else when the webhook reached us.
    auto rows = (*sql)->all(
        QStringLiteral("SELECT m.created_at,"
                       " MIN(CASE WHEN e.status IN ('delivered', 'read') THEN COALESCE(NULLIF(e.provider_time, 0), "
                       "e.received_at) END),"
                       " MIN(CASE WHEN e.status = 'read' THEN COALESCE(NULLIF(e.provider_time, 0), e.received_at) END)"
                       " FROM messages m JOIN message_status_events e ON e.message_id = m.id"
                       " WHERE m.direction = 'out' AND m.created_at >= ? GROUP BY m.id"),
        {sinceMs});
    if (!rows) {
        return Unexpected(rows.error());
    }
    QList<qint64> toDelivered;
    QList<qint64> toRead;
    for (const QSqlRecord& r : *rows) {
        const qint64 created = r.value(0).toLongLong();
        if (!r.value(1).isNull()) {
            toDelivered << std::max<qint64>(0, r.value(1).toLongLong() - created);
        }
        if (!r.value(2).isNull()) {
            toRead << std::max<qint64>(0, r.value(2).toLongLong() - created);
        }
    }
    const auto median = [](QList<qint64>& values) -> qint64 {
        if (values.isEmpty()) {
            return -1;
        }
        const auto middle = values.begin() + values.size() / 2;
        std::nth_element(values.begin(), middle, values.end());
        return *middle;
    };
    DeliveryTimes times;
    times.deliveredCount = static_cast<int>(toDelivered.size());
    times.readCount = static_cast<int>(toRead.size());
    times.medianToDeliveredMs = median(toDelivered);
    times.medianToReadMs = median(toRead);
    return times;
}

Result<QList<StoredMessage>> MessageReader::failedMessages(qint64 sinceMs, qint64 beforeId, int limit)
{
    return messages(QStringLiteral("WHERE m.direction = 'out' AND m.status IN ('failed', 'undelivered') "
                                   "AND m.created_at >= ? AND m.id < ? ORDER BY m.id DESC LIMIT ?"),
                    {sinceMs, upperBound(beforeId), clampLimit(limit)});
}

Result<int> MessageReader::failedMessageCount(qint64 sinceMs)
{
    return count(QStringLiteral("SELECT COUNT(*) FROM messages WHERE direction = 'out' AND status IN "
                                "('failed', 'undelivered') AND created_at >= ?"),
                 {sinceMs});
}

Result<int> MessageReader::conversationMessageCount(qint64 conversationId)
{
    return count(QStringLiteral("SELECT COUNT(*) FROM messages WHERE conversation_id = ?"), {conversationId});
}

Result<int> MessageReader::unreadTotal()
{
    return count(QStringLiteral("SELECT COALESCE(SUM(unread_count), 0) FROM conversations WHERE unread_count > 0"), {});
}

Result<QList<StoredMessage>> MessageReader::messagesWithIds(const QList<qint64>& ids)
{
    if (ids.isEmpty()) {
        return QList<StoredMessage>();
    }
    // One statement for any number of ids: the list travels as a JSON array.
    return messages(QStringLiteral("WHERE m.id IN (") + m_dialect->idsIn() + QStringLiteral(") ORDER BY m.id"),
                    {m_dialect->idList(ids)});
}

Result<QList<ConversationSummary>> MessageReader::conversationsWithIds(const QList<qint64>& ids)
{
    if (ids.isEmpty()) {
        return QList<ConversationSummary>();
    }
    return conversationRows(QStringLiteral("WHERE cv.id IN (") + m_dialect->idsIn() + QLatin1Char(')'),
                            {m_dialect->idList(ids)});
}

Result<QList<ConversationSummary>> MessageReader::conversationRows(const QString& where, const QVariantList& values)
{
    return readRows(statements(), kConversationColumns + where, values, &conversationFrom);
}

Result<int> MessageReader::count(const QString& sql, const QVariantList& values)
{
    auto statements = this->statements();
    if (!statements) {
        return Unexpected(statements.error());
    }
    auto row = (*statements)->one(sql, values);
    if (!row) {
        return Unexpected(row.error());
    }
    return *row ? (*row)->value(0).toInt() : 0;
}

Result<QList<FailureReason>> MessageReader::failureReasons(qint64 sinceMs)
{
    auto sql = statements();
    if (!sql) {
        return Unexpected(sql.error());
    }
    auto rows = (*sql)->all(
        QStringLiteral("SELECT provider, COALESCE(error_code, ''), COUNT(*), MAX(updated_at),"
                       " (SELECT error_message FROM messages l WHERE l.direction = 'out' AND l.provider = m.provider"
                       "  AND COALESCE(l.error_code, '') = COALESCE(m.error_code, '')"
                       "  AND l.status IN ('failed', 'undelivered') ORDER BY l.updated_at DESC LIMIT 1)"
                       " FROM messages m WHERE direction = 'out' AND status IN ('failed', 'undelivered')"
                       " AND created_at >= ? GROUP BY provider, COALESCE(error_code, '') ORDER BY 3 DESC, 4 DESC"),
        {sinceMs});
    if (!rows) {
        return Unexpected(rows.error());
    }
    QList<FailureReason> reasons;
    for (const QSqlRecord& r : *rows) {
        FailureReason reason;
        reason.provider = r.value(0).toString();
        reason.errorCode = r.value(1).toString();
        reason.count = r.value(2).toInt();
        reason.lastSeenMs = r.value(3).toLongLong();
        reason.sampleMessage = r.value(4).toString();
        reasons << reason;
    }
    return reasons;
}

Result<QList<StoredTemplate>> MessageReader::templates(const QString& provider)
{
    auto sql = statements();
    if (!sql) {
        return Unexpected(sql.error());
    }
    auto query = (*sql)->run(QStringLiteral("SELECT provider, name, language, category, approval_status, provider_id, "
                                            "header_format, header_text, body_text, footer_text, buttons, "
                                            "placeholders, components, synced_at FROM templates "
                                            "WHERE (? = '' OR provider = ?) ORDER BY provider, name, language"),
                             {StoreSql::nonNull(provider), provider});
    if (!query) {
        return Unexpected(query.error());
    }
    QList<StoredTemplate> out;
    QSqlQuery* q = *query;
    while (q->next()) {
        StoredTemplate t;
        t.provider = q->value(0).toString();
        t.value.name = q->value(1).toString();
        t.value.language = q->value(2).toString();
        t.value.category = q->value(3).toString();
        t.value.approvalStatus = q->value(4).toString();
        t.value.providerId = q->value(5).toString();
        t.value.headerFormat = q->value(6).toString();
        t.value.headerText = q->value(7).toString();
        t.value.bodyText = q->value(8).toString();
        t.value.footerText = q->value(9).toString();
        t.value.buttons = StoreSql::listFrom(q->value(10));
        t.value.placeholders = StoreSql::listFrom(q->value(11));
        t.value.components = QJsonDocument::fromJson(q->value(12).toString().toUtf8()).array();
        t.syncedAt = q->value(13).toLongLong();
        out << t;
    }
    q->finish();
    return out;
}

Result<QList<WebhookLogEntry>> MessageReader::webhookLog(int limit, qint64 beforeId)
{
    auto sql = statements();
    if (!sql) {
        return Unexpected(sql.error());
    }
    auto query = (*sql)->run(QStringLiteral("SELECT id, received_at, provider, verdict, reason, headers, body, url "
                                            "FROM webhook_log WHERE id < ? ORDER BY id DESC LIMIT ?"),
                             {upperBound(beforeId), clampLimit(limit)});
    if (!query) {
        return Unexpected(query.error());
    }
    QList<WebhookLogEntry> out;
    while ((*query)->next()) {
        out << webhookFrom(**query);
    }
    (*query)->finish();
    return out;
}

Result<WebhookLogEntry> MessageReader::webhookLogEntry(qint64 id)
{
    auto sql = statements();
    if (!sql) {
        return Unexpected(sql.error());
    }
    auto query = (*sql)->run(QStringLiteral("SELECT id, received_at, provider, verdict, reason, headers, body, url "
                                            "FROM webhook_log WHERE id = ?"),
                             {id});
    if (!query) {
        return Unexpected(query.error());
    }
    if (!(*query)->next()) {
        return Unexpected(notFound(QStringLiteral("webhook log entry"), id));
    }
    WebhookLogEntry entry = webhookFrom(**query);
    (*query)->finish();
    return entry;
}

Result<int> MessageReader::schemaVersion()
{
    auto sql = statements();
    if (!sql) {
        return Unexpected(sql.error());
    }
    auto row = (*sql)->one(QStringLiteral("SELECT MAX(version) FROM schema_version"));
    if (!row) {
        return Unexpected(row.error());
    }
    return *row ? (*row)->value(0).toInt() : 0;
}
