#include "app/store/MessageWriter.h"

#include "app/AppLogging.h"
#include "app/store/StatusLadder.h"
#include "app/store/StoreSql.h"
#include "providers/Phone.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlRecord>

#include <algorithm>

using StoreSql::nullable;

namespace
{

const QString kInsertMessage = QStringLiteral(
    "INSERT INTO messages (conversation_id, direction, provider, provider_message_id, type, body, media_url, "
    "media_id, media_mime, template_name, template_language, parameters, status, error_code, error_message, "
    "reply_to, metadata, extra, raw, created_at, updated_at, agent) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");

// Inbound messages are unique on (provider, provider message id).
const QString kInsertInbound =
    QString(kInsertMessage)
        .replace(QStringLiteral(" RETURNING id"),
                 QStringLiteral(" ON CONFLICT (provider, provider_message_id) DO NOTHING RETURNING id"));

const QString kInsertHistory = QStringLiteral(
    "INSERT INTO message_status_events (message_id, status, raw_status, error_code, error_message, provider_time, "
    "received_at) VALUES (?, ?, ?, ?, ?, ?, ?)");

const QString kSelectOutgoing = QStringLiteral(
    "SELECT m.id, m.conversation_id, c.last_message_id, m.direction, m.status, m.provider, m.provider_message_id "
    "FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = ?");

const QString kSelectByProviderId = QStringLiteral(
    "SELECT m.id, m.conversation_id, c.last_message_id, m.direction, m.status, m.provider, m.provider_message_id "
    "FROM messages m JOIN conversations c ON c.id = m.conversation_id "
    "WHERE m.provider = ? AND m.provider_message_id = ?");

QString statusName(MessageStatus status)
{
    return Status::toString(status);
}

MessageStatus statusFrom(const QVariant& column)
{
    return Status::fromString(column.toString()).value_or(MessageStatus::Unknown);
}

MessageExtras inboundExtra(const InboundMessage& in)
{
    MessageExtras extra;
    extra.to = in.to;
    if (in.media) {
        extra.media = MessageExtras::Media{in.media->id,
                                           in.media->url,
                                           in.media->mimeType,
                                           in.media->sha256,
                                           in.media->fileName,
                                           in.media->voice,
                                           in.media->animated};
    }
    if (in.location) {
        extra.location = MessageExtras::Location{
            in.location->latitude, in.location->longitude, in.location->name, in.location->address, in.location->url};
    }
    extra.contacts = in.contacts;
    if (in.button) {
        extra.button = MessageExtras::Button{in.button->text, in.button->payload};
    }
    if (in.interactive) {
        extra.interactive = MessageExtras::Interactive{
            in.interactive->kind, in.interactive->id, in.interactive->title, in.interactive->description};
    }
    if (in.reaction) {
        extra.reaction = MessageExtras::Reaction{in.reaction->targetProviderId, in.reaction->emoji};
    }
    extra.unsupportedReason = in.unsupportedReason;
    return extra;
}

// The words a customer sees in the message, so search finds button and list answers too.
QString inboundBody(const InboundMessage& in)
{
    if (!in.text.isEmpty()) {
        return in.text;
    }
    if (in.button) {
        return in.button->text;
    }
    if (in.interactive) {
        return in.interactive->title;
    }
    if (in.media) {
        return in.media->caption;
    }
    return {};
}

} // namespace

MessageWriter::MessageWriter(QSqlDatabase db, const StoreDialect& dialect, std::function<qint64()> clock)
    : m_sql(std::move(db))
    , m_dialect(dialect)
    , m_clock(std::move(clock))
{
}

MessageWriter::Changes& MessageWriter::changes()
{
    return m_changes;
}

qint64 MessageWriter::now() const
{
    return m_clock();
}

Result<void> MessageWriter::begin()
{
    if (auto done = m_sql.control(m_dialect.beginWrite()); !done) {
        return done;
    }
    if (m_dialect.indexMessage().isEmpty()) {
        return {};
    }
    // Every message above this id is written by this transaction; commit() indexes those.
    auto last = m_sql.one(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM messages"));
    if (!last) {
        rollback();
        return Unexpected(last.error());
    }
    m_lastIdBefore = (*last)->value(0).toLongLong();
    return {};
}

Result<void> MessageWriter::indexNewMessages()
{
    const QString index = m_dialect.indexMessage();
    if (index.isEmpty()) {
        return {};
    }
    // Rows are read back rather than remembered, so a rolled-back insert is never indexed.
    auto rows =
        m_sql.all(QStringLiteral("SELECT id, body FROM messages WHERE id > ? AND body IS NOT NULL"), {m_lastIdBefore});
    if (!rows) {
        return Unexpected(rows.error());
    }
    for (const QSqlRecord& row : *rows) {
        auto indexed = m_sql.exec(index, {row.value(0), row.value(1)});
        if (!indexed) {
            return Unexpected(indexed.error());
        }
    }
    return {};
}

Result<void> MessageWriter::commit()
{
    if (auto indexed = indexNewMessages(); !indexed) {
        return indexed;
    }
    return m_sql.control(QStringLiteral("COMMIT"));
}

void MessageWriter::rollback()
{
    if (auto done = m_sql.control(QStringLiteral("ROLLBACK")); !done) {
        qCWarning(lcStore) << "rollback failed:" << done.error().message;
    }
}

Result<void> MessageWriter::announce(const Changes& changes, const QString& origin)
{
    const QString statement = m_dialect.announceChanges();
    if (statement.isEmpty()
        || (changes.messages.isEmpty() && changes.conversations.isEmpty() && !changes.templates && !changes.presence)) {
        return {};
    }
    // PostgreSQL takes payloads under 8000 bytes: a big batch goes out in several.
    constexpr int kIdsPerPayload = 400;
    const QList<qint64> messages = changes.messages.values();
    const QList<qint64> conversations = changes.conversations.values();
    for (qsizetype from = 0; from == 0 || from < messages.size() || from < conversations.size();
         from += kIdsPerPayload) {
        const auto slice = [from](const QList<qint64>& ids) {
            QJsonArray out;
            for (const qint64 id : ids.mid(from, kIdsPerPayload)) {
                out.append(id);
            }
            return out;
        };
        QJsonObject payload{{QStringLiteral("origin"), origin},
                            {QStringLiteral("messages"), slice(messages)},
                            {QStringLiteral("conversations"), slice(conversations)},
                            {QStringLiteral("templates"), changes.templates && from == 0}};
        if (changes.presence && from == 0) {
            payload.insert(QStringLiteral("presence"), presenceToJson(*changes.presence));
        }
        auto sent = m_sql.one(statement, {QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact))});
        if (!sent) {
            return Unexpected(sent.error());
        }
    }
    return {};
}

Result<void> MessageWriter::publishPresence(const AgentPresence& presence)
{
    auto stored = m_sql.exec(QStringLiteral("INSERT INTO agent_presence (agent, conversation_id, typing, seen_at) "
                                            "VALUES (?, ?, ?, ?) ON CONFLICT (agent) DO UPDATE SET "
                                            "conversation_id = excluded.conversation_id, typing = excluded.typing, "
                                            "seen_at = excluded.seen_at"),
                             {presence.agent, presence.conversationId, presence.typing ? 1 : 0, presence.at});
    if (!stored) {
        return Unexpected(stored.error());
    }
    m_changes.presence = presence;
    return {};
}

Result<bool> MessageWriter::claimOutbox()
{
    const QString claim = m_dialect.claimOutboxLock();
    if (claim.isEmpty()) {
        return true;
    }
    auto held = m_sql.one(claim);
    if (!held) {
        return Unexpected(held.error());
    }
    return *held && (*held)->value(0).toBool();
}

bool MessageWriter::failedOnContention() const
{
    return m_sql.lastFailureWasContention();
}

bool MessageWriter::connectionLost()
{
    return m_sql.connectionLost();
}

Result<void> MessageWriter::savepoint(const QString& name)
{
    return m_sql.control(QStringLiteral("SAVEPOINT ") + name);
}

Result<void> MessageWriter::release(const QString& name)
{
    return m_sql.control(QStringLiteral("RELEASE SAVEPOINT ") + name);
}

Result<void> MessageWriter::rollbackTo(const QString& name)
{
    if (auto done = m_sql.control(QStringLiteral("ROLLBACK TO SAVEPOINT ") + name); !done) {
        return done;
    }
    return release(name);
}

// ---- contacts and conversations

Result<qint64> MessageWriter::ensureContact(const QString& number, const QString& profileName, bool strict)
{
    // The identity key is plain digit work; only a new contact pays for a libphonenumber parse.
    QString key = Phone::identityKey(number);
    if (!key.isEmpty()) {
        auto existing = findContact(key, profileName);
        if (!existing || *existing > 0) {
            return existing;
        }
    }

    QString e164;
    if (const Result<QString> normalized =
            Phone::normalize(number, strict ? QStringLiteral("to") : QStringLiteral("from"))) {
        e164 = *normalized;
    } else if (strict || key.isEmpty()) {
        return Unexpected(normalized.error());
    } else {
        // Never drop what a customer wrote: a number libphonenumber refuses is kept as sent.
        e164 = QLatin1Char('+') + key;
    }
    const QString normalizedKey = Phone::identityKey(e164);
    if (normalizedKey != key) {
        key = normalizedKey.isEmpty() ? e164 : normalizedKey;
        auto existing = findContact(key, profileName);
        if (!existing || *existing > 0) {
            return existing;
        }
    }
    // Another receiver (team mode) may be adding the same contact right now: then its row is used.
    auto inserted = m_sql.one(QStringLiteral("INSERT INTO contacts (e164, identity_key, profile_name, created_at) "
                                             "VALUES (?, ?, ?, ?) ON CONFLICT (identity_key) DO NOTHING RETURNING id"),
                              {e164, key, nullable(profileName), now()});
    if (!inserted) {
        return Unexpected(inserted.error());
    }
    return *inserted ? (*inserted)->value(0).toLongLong() : findContact(key, profileName);
}

Result<qint64> MessageWriter::findContact(const QString& key, const QString& profileName)
{
    auto found = m_sql.one(QStringLiteral("SELECT id, profile_name FROM contacts WHERE identity_key = ?"), {key});
    if (!found) {
        return Unexpected(found.error());
    }
    if (!*found) {
        return 0;
    }
    const qint64 id = (*found)->value(0).toLongLong();
    if (!profileName.isEmpty() && (*found)->value(1).toString() != profileName) {
        auto renamed =
            m_sql.exec(QStringLiteral("UPDATE contacts SET profile_name = ? WHERE id = ?"), {profileName, id});
        if (!renamed) {
            return Unexpected(renamed.error());
        }
        auto conversation = m_sql.one(QStringLiteral("SELECT id FROM conversations WHERE contact_id = ?"), {id});
        if (!conversation) {
            return Unexpected(conversation.error());
        }
        if (*conversation) {
            m_changes.conversations.insert((*conversation)->value(0).toLongLong());
        }
    }
    return id;
}

Result<qint64> MessageWriter::ensureConversation(qint64 contactId)
{
    auto found = m_sql.one(QStringLiteral("SELECT id FROM conversations WHERE contact_id = ?"), {contactId});
    if (!found) {
        return Unexpected(found.error());
    }
    if (*found) {
        return (*found)->value(0).toLongLong();
    }
    auto inserted = m_sql.one(QStringLiteral("INSERT INTO conversations (contact_id, last_message_at, unread_count, "
                                             "created_at) VALUES (?, 0, 0, ?) "
                                             "ON CONFLICT (contact_id) DO NOTHING RETURNING id"),
                              {contactId, now()});
    if (!inserted) {
        return Unexpected(inserted.error());
    }
    if (*inserted) {
        return (*inserted)->value(0).toLongLong();
    }
    // Another receiver committed it since the SELECT above.
    auto other = m_sql.one(QStringLiteral("SELECT id FROM conversations WHERE contact_id = ?"), {contactId});
    if (!other) {
        return Unexpected(other.error());
    }
    if (!*other) {
        return Unexpected(StoreSql::notFound(QStringLiteral("conversation of contact"), contactId));
    }
    return (*other)->value(0).toLongLong();
}

Result<qint64> MessageWriter::openConversation(const QString& number)
{
    const auto contactId = ensureContact(number, {}, true);
    if (!contactId) {
        return Unexpected(contactId.error());
    }
    const auto conversationId = ensureConversation(*contactId);
    if (!conversationId) {
        return Unexpected(conversationId.error());
    }
    // A conversation with no messages yet still belongs at the top of the list the agent is looking at.
    auto touched =
        m_sql.exec(QStringLiteral("UPDATE conversations SET last_message_at = ? WHERE id = ? AND last_message_at = 0"),
                   {now(), *conversationId});
    if (!touched) {
        return Unexpected(touched.error());
    }
    m_changes.conversations.insert(*conversationId);
    return *conversationId;
}

// ---- outgoing

Result<InsertedMessage> MessageWriter::insertOutgoing(const QString& provider,
                                                      const OutgoingMessage& message,
                                                      qint64 requireWindowOpenAt,
                                                      const QString& agent)
{
    if (message.type == MessageType::Template && message.templateName.isEmpty()) {
        return Unexpected(
            Error::validation(QStringLiteral("template_name"), QStringLiteral("a template needs a name")));
    }
    const auto contactId = ensureContact(message.to, {}, true);
    if (!contactId) {
        return Unexpected(contactId.error());
    }
    const auto conversationId = ensureConversation(*contactId);
    if (!conversationId) {
        return Unexpected(conversationId.error());
    }
    if (requireWindowOpenAt > 0) {
        auto lastInbound =
            m_sql.one(QStringLiteral("SELECT last_inbound_at FROM conversations WHERE id = ?"), {*conversationId});
        if (!lastInbound) {
            return Unexpected(lastInbound.error());
        }
        const qint64 lastInboundAt = *lastInbound ? (*lastInbound)->value(0).toLongLong() : 0;
        if (!customerWindowOpen(lastInboundAt, requireWindowOpenAt)) {
            return Unexpected(Error::outsideWindow()); // the savepoint drops the contact made for it
        }
    }

    MessageExtras extra;
    extra.mediaUrls = message.mediaUrls;
    if (!message.headerMediaUrl.isEmpty()) {
        // Kept so a retry or a resend sends the same header.
        extra.templateHeader = MessageExtras::TemplateHeader{message.headerMediaType, message.headerMediaUrl};
    }
    const qint64 at = now();
    const auto id = m_sql.insert(kInsertMessage,
                                 {*conversationId,
                                  StoreNames::direction(MessageDirection::Outbound),
                                  StoreSql::nonNull(provider),
                                  QVariant(),
                                  MessageTypes::toString(message.type),
                                  nullable(message.body),
                                  nullable(message.mediaUrls.value(0)),
                                  QVariant(),
                                  QVariant(),
                                  nullable(message.templateName),
                                  nullable(message.templateLanguage),
                                  StoreSql::json(message.templateParameters),
                                  statusName(MessageStatus::Pending),
                                  QVariant(),
                                  QVariant(),
                                  nullable(message.replyToProviderId),
                                  StoreSql::json(message.metadata),
                                  StoreSql::json(extra.toJson()),
                                  QVariant(),
                                  at,
                                  at,
                                  StoreSql::nonNull(agent)});
    if (!id) {
        return Unexpected(id.error());
    }
    if (auto history = addHistory(*id, {MessageStatus::Pending, QStringLiteral("created"), {}, {}, 0}); !history) {
        return Unexpected(history.error());
    }
    auto moved = m_sql.exec(QStringLiteral("UPDATE conversations SET last_message_at = ?, last_message_id = ? "
                                           "WHERE id = ?"),
                            {at, *id, *conversationId});
    if (!moved) {
        return Unexpected(moved.error());
    }
    m_changes.messages.insert(*id);
    m_changes.conversations.insert(*conversationId);
    return InsertedMessage{*id, *conversationId, *contactId, false};
}

Result<MessageWriter::MessageRow> MessageWriter::outgoingRow(qint64 id)
{
    auto found = m_sql.one(kSelectOutgoing + m_dialect.lockingRowsOf(QStringLiteral("m")), {id});
    if (!found) {
        return Unexpected(found.error());
    }
    if (!*found || StoreNames::directionFromString((*found)->value(3).toString()) != MessageDirection::Outbound) {
        return Unexpected(StoreSql::notFound(QStringLiteral("outgoing message"), id));
    }
    const QSqlRecord& r = **found;
    return MessageRow{r.value(0).toLongLong(),
                      r.value(1).toLongLong(),
                      r.value(2).toLongLong(),
                      MessageDirection::Outbound,
                      statusFrom(r.value(4)),
                      r.value(5).toString(),
                      r.value(6).toString()};
}

Result<void> MessageWriter::addHistory(qint64 messageId, const StatusInput& input)
{
    auto done = m_sql.exec(kInsertHistory,
                           {messageId,
                            statusName(input.status),
                            nullable(input.rawStatus),
                            nullable(input.errorCode),
                            nullable(input.errorMessage),
                            StoreSql::nullableTime(input.providerTime),
                            now()});
    return done ? Result<void>() : Unexpected(done.error());
}

void MessageWriter::touched(const MessageRow& row)
{
    m_changes.messages.insert(row.id);
    // The conversation list shows its last message's ticks.
    if (row.lastMessageId == row.id) {
        m_changes.conversations.insert(row.conversationId);
    }
}

Result<MessageUpdate> MessageWriter::transition(qint64 id,
                                                std::initializer_list<MessageStatus> from,
                                                MessageStatus to,
                                                const StatusInput& input,
                                                bool clearProviderId)
{
    auto row = outgoingRow(id);
    if (!row) {
        return Unexpected(row.error());
    }
    if (row->status == to) {
        return MessageUpdate{id, row->conversationId, to, false, 0};
    }
    if (std::find(from.begin(), from.end(), row->status) == from.end()) {
        return Unexpected(StoreSql::invalidState(
            QStringLiteral("message %1 is %2; cannot become %3").arg(id).arg(statusName(row->status), statusName(to))));
    }
    QString sql = QStringLiteral("UPDATE messages SET status = ?, error_code = ?, error_message = ?, updated_at = ?");
    if (clearProviderId) {
        sql += QStringLiteral(", provider_message_id = NULL");
    }
    sql += QStringLiteral(" WHERE id = ?");
    auto updated =
        m_sql.exec(sql, {statusName(to), nullable(input.errorCode), nullable(input.errorMessage), now(), id});
    if (!updated) {
        return Unexpected(updated.error());
    }
    if (auto history = addHistory(id, input); !history) {
        return Unexpected(history.error());
    }
    touched(*row);
    return MessageUpdate{id, row->conversationId, to, true, 0};
}

Result<MessageUpdate> MessageWriter::markSending(qint64 id, const QString& provider)
{
    auto row = outgoingRow(id);
    if (!row) {
        return Unexpected(row.error());
    }
    if (row->status == MessageStatus::Pending && !provider.isEmpty() && provider != row->provider) {
        // The request goes to whichever provider is active now; statuses will come from that one.
        auto moved = m_sql.exec(QStringLiteral("UPDATE messages SET provider = ? WHERE id = ?"), {provider, id});
        if (!moved) {
            return Unexpected(moved.error());
        }
    }
    return transition(id,
                      {MessageStatus::Pending},
                      MessageStatus::Sending,
                      {MessageStatus::Sending, QStringLiteral("sending"), {}, {}, 0});
}

Result<MessageUpdate> MessageWriter::recordSendAccepted(qint64 id, const SendAccepted& accepted)
{
    if (accepted.providerMessageId.isEmpty()) {
        return Unexpected(Error::validation(QStringLiteral("provider_message_id"),
                                            QStringLiteral("the provider gave no message id")));
    }
    auto row = outgoingRow(id);
    if (!row) {
        return Unexpected(row.error());
    }
    if (row->providerMessageId == accepted.providerMessageId) {
        return MessageUpdate{id, row->conversationId, row->status, false, 0};
    }
    const bool allowed = row->status == MessageStatus::Pending || row->status == MessageStatus::Sending
                         || row->status == MessageStatus::Unknown;
    if (!allowed) {
        return Unexpected(StoreSql::invalidState(
            QStringLiteral("message %1 is %2; cannot record a send").arg(id).arg(statusName(row->status))));
    }
    auto taken = m_sql.one(QStringLiteral("SELECT id FROM messages WHERE provider = ? AND provider_message_id = ?"),
                           {row->provider, accepted.providerMessageId});
    if (!taken) {
        return Unexpected(taken.error());
    }
    if (*taken) {
        return Unexpected(StoreSql::invalidState(QStringLiteral("provider id %1 already belongs to message %2")
                                                     .arg(accepted.providerMessageId)
                                                     .arg((*taken)->value(0).toLongLong())));
    }

    const bool usable =
        Status::isTerminal(accepted.status) || Status::rank(accepted.status) >= Status::rank(MessageStatus::Queued);
    const MessageStatus status = usable ? accepted.status : MessageStatus::Queued;
    auto updated =
        m_sql.exec(QStringLiteral("UPDATE messages SET provider_message_id = ?, status = ?, error_code = NULL, "
                                  "error_message = NULL, updated_at = ? WHERE id = ?"),
                   {accepted.providerMessageId, statusName(status), now(), id});
    if (!updated) {
        return Unexpected(updated.error());
    }
    if (auto history = addHistory(id, {status, accepted.rawStatus, {}, {}, 0}); !history) {
        return Unexpected(history.error());
    }
    row->status = status;
    row->providerMessageId = accepted.providerMessageId;
    touched(*row);

    // Statuses that beat this response to us.
    auto early = m_sql.all(QStringLiteral("SELECT status, raw_status, error_code, error_message, provider_time "
                                          "FROM early_statuses WHERE provider = ? AND provider_message_id = ? "
                                          "ORDER BY received_at, id"),
                           {row->provider, accepted.providerMessageId});
    if (!early) {
        return Unexpected(early.error());
    }
    QList<StatusInput> inputs;
    for (const QSqlRecord& r : *early) {
        inputs << StatusInput{statusFrom(r.value(0)),
                              r.value(1).toString(),
                              r.value(2).toString(),
                              r.value(3).toString(),
                              r.value(4).toLongLong()};
    }
    std::stable_sort(inputs.begin(), inputs.end(), [](const StatusInput& a, const StatusInput& b) {
        return StatusLadder::applicationOrder(a.status) < StatusLadder::applicationOrder(b.status);
    });
    for (const StatusInput& input : inputs) {
        auto applied = applyToMessage(*row, input);
        if (!applied) {
            return Unexpected(applied.error());
        }
    }
    if (!inputs.isEmpty()) {
        auto dropped =
            m_sql.exec(QStringLiteral("DELETE FROM early_statuses WHERE provider = ? AND provider_message_id = ?"),
                       {row->provider, accepted.providerMessageId});
        if (!dropped) {
            return Unexpected(dropped.error());
        }
        qCDebug(lcStore) << "applied" << inputs.size() << "early statuses to message" << id;
    }
    return MessageUpdate{id, row->conversationId, row->status, true, int(inputs.size())};
}

Result<MessageUpdate> MessageWriter::recordSendRetry(qint64 id, const Error& error)
{
    return transition(id,
                      {MessageStatus::Sending},
                      MessageStatus::Pending,
                      {MessageStatus::Pending, QStringLiteral("retry"), error.code, error.message, 0});
}

Result<MessageUpdate> MessageWriter::recordSendFailed(qint64 id, const Error& error)
{
    return transition(id,
                      {MessageStatus::Pending, MessageStatus::Sending, MessageStatus::Unknown},
                      MessageStatus::Failed,
                      {MessageStatus::Failed, QStringLiteral("send_failed"), error.code, error.message, 0});
}

Result<MessageUpdate> MessageWriter::markUnknown(qint64 id, const QString& reason)
{
    return transition(id,
                      {MessageStatus::Sending},
                      MessageStatus::Unknown,
                      {MessageStatus::Unknown, QStringLiteral("unknown"), {}, reason, 0});
}

Result<MessageUpdate> MessageWriter::resetForResend(qint64 id)
{
    // The old provider id is dropped: the resend gets a new one, and late statuses for the old one
    // must not move the new attempt.
    return transition(id,
                      {MessageStatus::Unknown, MessageStatus::Failed, MessageStatus::Undelivered},
                      MessageStatus::Pending,
                      {MessageStatus::Pending, QStringLiteral("resend"), {}, {}, 0},
                      true);
}

Result<MessageUpdate> MessageWriter::dismiss(qint64 id)
{
    auto row = outgoingRow(id);
    if (!row) {
        return Unexpected(row.error());
    }
    if (Status::isTerminal(row->status)) {
        return MessageUpdate{id, row->conversationId, row->status, false, 0};
    }
    return transition(id,
                      {MessageStatus::Pending, MessageStatus::Unknown},
                      MessageStatus::Failed,
                      {MessageStatus::Failed,
                       QStringLiteral("dismissed"),
                       QStringLiteral("dismissed"),
                       QStringLiteral("Dismissed by the operator"),
                       0});
}

// ---- statuses

Result<StatusApplied> MessageWriter::applyStatus(const StatusUpdate& update)
{
    if (update.provider.isEmpty() || update.providerMessageId.isEmpty()) {
        return Unexpected(Error::validation(QStringLiteral("provider_message_id"),
                                            QStringLiteral("a status needs a provider and a message id")));
    }
    const StatusInput input{update.status,
                            update.rawStatus,
                            update.errorCode,
                            update.errorMessage,
                            update.timestamp.isValid() ? update.timestamp.toMSecsSinceEpoch() : 0};
    auto found = m_sql.one(kSelectByProviderId + m_dialect.lockingRowsOf(QStringLiteral("m")),
                           {update.provider, update.providerMessageId});
    if (!found) {
        return Unexpected(found.error());
    }
    if (!*found) {
        // ON CONFLICT DO NOTHING keeps redelivered early statuses from piling up.
        auto kept = m_sql.exec(QStringLiteral("INSERT INTO early_statuses (provider, provider_message_id, status, "
                                              "raw_status, error_code, error_message, provider_time, received_at) "
                                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
                               {update.provider,
                                update.providerMessageId,
                                statusName(update.status),
                                StoreSql::nonNull(update.rawStatus),
                                StoreSql::nonNull(update.errorCode),
                                nullable(update.errorMessage),
                                StoreSql::nullableTime(input.providerTime),
                                now()});
        if (!kept) {
            return Unexpected(kept.error());
        }
        qCDebug(lcStore) << "early status" << update.rawStatus << "for" << update.provider << update.providerMessageId;
        return StatusApplied{StatusApplied::Outcome::Early, 0, 0, update.status};
    }
    const QSqlRecord& r = **found;
    MessageRow row{r.value(0).toLongLong(),
                   r.value(1).toLongLong(),
                   r.value(2).toLongLong(),
                   StoreNames::directionFromString(r.value(3).toString()).value_or(MessageDirection::Outbound),
                   statusFrom(r.value(4)),
                   r.value(5).toString(),
                   r.value(6).toString()};
    if (row.direction != MessageDirection::Outbound) {
        return Unexpected(StoreSql::invalidState(
            QStringLiteral("message %1 is inbound; statuses apply to sent messages").arg(row.id)));
    }
    return applyToMessage(row, input);
}

Result<StatusApplied> MessageWriter::applyToMessage(MessageRow& row, const StatusInput& input)
{
    auto seen = m_sql.one(
        QStringLiteral("SELECT id FROM message_status_events WHERE message_id = ? AND status = ? "
                       "AND COALESCE(raw_status, '') = ? AND COALESCE(error_code, '') = ?"),
        {row.id, statusName(input.status), StoreSql::nonNull(input.rawStatus), StoreSql::nonNull(input.errorCode)});
    if (!seen) {
        return Unexpected(seen.error());
    }
    if (*seen) {
        return StatusApplied{StatusApplied::Outcome::Duplicate, row.id, row.conversationId, row.status};
    }
    if (auto history = addHistory(row.id, input); !history) {
        return Unexpected(history.error());
    }

    const bool moves = StatusLadder::decide(row.status, input.status) == StatusLadder::Move::Advance;
    touched(row);
    if (!moves) {
        return StatusApplied{StatusApplied::Outcome::HistoryOnly, row.id, row.conversationId, row.status};
    }
    const bool failure = Status::isTerminal(input.status);
    auto updated = m_sql.exec(QStringLiteral("UPDATE messages SET status = ?, error_code = ?, error_message = ?, "
                                             "updated_at = ? WHERE id = ?"),
                              {statusName(input.status),
                               failure ? nullable(input.errorCode) : QVariant(),
                               failure ? nullable(input.errorMessage) : QVariant(),
                               now(),
                               row.id});
    if (!updated) {
        return Unexpected(updated.error());
    }
    row.status = input.status;
    return StatusApplied{StatusApplied::Outcome::Applied, row.id, row.conversationId, row.status};
}

Result<int> MessageWriter::purgeEarlyStatuses(qint64 olderThan)
{
    auto dropped = m_sql.exec(QStringLiteral("DELETE FROM early_statuses WHERE received_at < ?"), {olderThan});
    if (dropped && *dropped > 0) {
        qCInfo(lcStore) << "dropped" << *dropped << "early statuses that no sent message claimed within 24 h";
    }
    return dropped;
}

Result<int> MessageWriter::purgeWebhookLog(qint64 olderThan, int maxRows)
{
    // By id from the oldest: the log grows in id order, so this never scans the whole table.
    auto dropped =
        m_sql.exec(QStringLiteral("DELETE FROM webhook_log WHERE id IN (SELECT id FROM webhook_log ORDER BY id "
                                  "LIMIT ?) AND received_at < ?"),
                   {maxRows, olderThan});
    if (dropped && *dropped > 0) {
        qCInfo(lcStore) << "dropped" << *dropped << "webhook log entries past their retention";
    }
    return dropped;
}

// ---- inbound

Result<std::optional<InsertedMessage>> MessageWriter::storedInbound(const InboundMessage& in)
{
    auto existing = m_sql.one(QStringLiteral("SELECT m.id, m.conversation_id, c.contact_id FROM messages m "
                                             "JOIN conversations c ON c.id = m.conversation_id "
                                             "WHERE m.provider = ? AND m.provider_message_id = ?"),
                              {in.provider, in.providerMessageId});
    if (!existing) {
        return Unexpected(existing.error());
    }
    if (!*existing) {
        return std::nullopt;
    }
    return InsertedMessage{(*existing)->value(0).toLongLong(),
                           (*existing)->value(1).toLongLong(),
                           (*existing)->value(2).toLongLong(),
                           true};
}

Result<InsertedMessage> MessageWriter::insertInbound(const InboundMessage& in)
{
    if (in.provider.isEmpty() || in.providerMessageId.isEmpty()) {
        return Unexpected(Error::validation(QStringLiteral("provider_message_id"),
                                            QStringLiteral("an inbound message needs a provider and a message id")));
    }
    if (auto existing = storedInbound(in); !existing || *existing) {
        return existing ? Result<InsertedMessage>(**existing) : Unexpected(existing.error());
    }

    const auto contactId = ensureContact(in.from, in.profileName, false);
    if (!contactId) {
        return Unexpected(contactId.error());
    }
    const auto conversationId = ensureConversation(*contactId);
    if (!conversationId) {
        return Unexpected(conversationId.error());
    }

    const qint64 at = now();
    const qint64 sentAt = in.timestamp.isValid() ? in.timestamp.toMSecsSinceEpoch() : at;
    // Another receiver (team mode) may be storing the same redelivery right now: then the
    // insert does nothing, and this is a duplicate of its row.
    const auto id = m_sql.one(kInsertInbound,
                              {*conversationId,
                               StoreNames::direction(MessageDirection::Inbound),
                               in.provider,
                               in.providerMessageId,
                               MessageTypes::toString(in.type),
                               nullable(inboundBody(in)),
                               in.media ? nullable(in.media->url) : QVariant(),
                               in.media ? nullable(in.media->id) : QVariant(),
                               in.media ? nullable(in.media->mimeType) : QVariant(),
                               QVariant(),
                               QVariant(),
                               QVariant(),
                               statusName(MessageStatus::Received),
                               QVariant(),
                               QVariant(),
                               nullable(in.replyToProviderId),
                               QVariant(),
                               StoreSql::json(inboundExtra(in).toJson()),
                               StoreSql::json(in.raw),
                               sentAt,
                               at,
                               StoreSql::nonNull(QString())});
    if (!id) {
        return Unexpected(id.error());
    }
    if (!*id) {
        auto existing = storedInbound(in);
        if (!existing || !*existing) {
            return existing ? Unexpected(StoreSql::invalidState(QStringLiteral("inbound message vanished")))
                            : Unexpected(existing.error());
        }
        return **existing;
    }
    const qint64 messageId = (**id).value(0).toLongLong();
    // The 24-hour window runs from the customer's latest message; late deliveries never shorten it.
    auto moved =
        m_sql.exec(QStringLiteral("UPDATE conversations SET "
                                  "last_inbound_at = CASE WHEN last_inbound_at IS NULL OR last_inbound_at < ? THEN ? "
                                  "ELSE last_inbound_at END, "
                                  "last_message_at = CASE WHEN last_message_at < ? THEN ? ELSE last_message_at END, "
                                  "last_message_id = ?, unread_count = unread_count + 1 WHERE id = ?"),
                   {sentAt, sentAt, at, at, messageId, *conversationId});
    if (!moved) {
        return Unexpected(moved.error());
    }
    m_changes.messages.insert(messageId);
    m_changes.conversations.insert(*conversationId);
    return InsertedMessage{messageId, *conversationId, *contactId, false};
}

// ---- webhooks, templates

Result<qint64> MessageWriter::appendWebhookLog(const WebhookLogEntry& entry)
{
    return m_sql.insert(
        QStringLiteral("INSERT INTO webhook_log (received_at, provider, verdict, reason, headers, body, "
                       "url) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {entry.receivedAt > 0 ? entry.receivedAt : now(),
         nullable(entry.provider),
         StoreNames::verdict(entry.verdict),
         nullable(entry.reason),
         StoreSql::json(entry.headers),
         entry.body,
         nullable(entry.url)});
}

Result<int> MessageWriter::applyTemplateStatus(const TemplateStatusUpdate& update)
{
    QString sql = QStringLiteral("UPDATE templates SET approval_status = ? WHERE provider = 'meta' AND (");
    QVariantList values{update.event.toLower()};
    if (!update.templateId.isEmpty()) {
        sql += QStringLiteral("provider_id = ? OR ");
        values << update.templateId;
    }
    sql += QStringLiteral("(name = ? AND (? = '' OR language = ?)))");
    values << StoreSql::nonNull(update.name) << StoreSql::nonNull(update.language)
           << StoreSql::nonNull(update.language);
    auto updated = m_sql.exec(sql, values);
    if (updated && *updated > 0) {
        m_changes.templates = true;
    }
    return updated;
}

Result<WebhookApplied> MessageWriter::applyWebhook(const QList<WebhookEvent>& events, const WebhookLogEntry& entry)
{
    WebhookApplied applied;
    auto logId = appendWebhookLog(entry);
    if (!logId) {
        return Unexpected(logId.error());
    }
    applied.logId = *logId;

    const QString savepointName = QStringLiteral("webhook_event");
    for (const WebhookEvent& event : events) {
        if (auto opened = savepoint(savepointName); !opened) {
            return Unexpected(opened.error());
        }
        WebhookEventResult result;
        std::optional<Error> failure;
        const Changes changesBefore = m_changes;
        if (const auto* inbound = std::get_if<InboundMessage>(&event)) {
            result.kind = WebhookEventResult::Kind::Inbound;
            auto done = insertInbound(*inbound);
            done ? void(result.inserted = *done) : void(failure = done.error());
        } else if (const auto* status = std::get_if<StatusUpdate>(&event)) {
            result.kind = WebhookEventResult::Kind::Status;
            auto done = applyStatus(*status);
            done ? void(result.status = *done) : void(failure = done.error());
        } else if (const auto* templateStatus = std::get_if<TemplateStatusUpdate>(&event)) {
            result.kind = WebhookEventResult::Kind::Template;
            auto done = applyTemplateStatus(*templateStatus);
            done ? void(result.templatesUpdated = *done) : void(failure = done.error());
        }
        if (failure) {
            if (auto undone = rollbackTo(savepointName); !undone) {
                return Unexpected(undone.error());
            }
            m_changes = changesBefore;
            // A database failure fails the whole webhook, so the provider retries it. An event
            // with bad data is refused alone: retrying would not fix it.
            if (failure->kind == Error::Kind::Internal || failure->kind == Error::Kind::Unavailable) {
                return Unexpected(*failure);
            }
            qCWarning(lcStore) << "webhook" << applied.logId << "event refused:" << failure->code << failure->message;
            result.error = failure;
        } else if (auto released = release(savepointName); !released) {
            return Unexpected(released.error());
        }
        applied.events << result;
    }
    return applied;
}

Result<int> MessageWriter::replaceTemplates(const QString& provider, const QList<Template>& templates)
{
    auto cleared =
        m_sql.exec(QStringLiteral("DELETE FROM templates WHERE provider = ?"), {StoreSql::nonNull(provider)});
    if (!cleared) {
        return Unexpected(cleared.error());
    }
    const qint64 at = now();
    for (const Template& t : templates) {
        auto stored = m_sql.exec(
            QStringLiteral("INSERT INTO templates (provider, name, language, category, approval_status, provider_id, "
                           "header_format, header_text, body_text, footer_text, buttons, placeholders, components, "
                           "synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (provider, name, language) DO UPDATE SET category = excluded.category, "
                           "approval_status = excluded.approval_status, provider_id = excluded.provider_id, "
                           "header_format = excluded.header_format, header_text = excluded.header_text, "
                           "body_text = excluded.body_text, footer_text = excluded.footer_text, "
                           "buttons = excluded.buttons, placeholders = excluded.placeholders, "
                           "components = excluded.components, synced_at = excluded.synced_at"),
            {StoreSql::nonNull(provider),
             StoreSql::nonNull(t.name),
             StoreSql::nonNull(t.language),
             nullable(t.category),
             nullable(t.approvalStatus),
             nullable(t.providerId),
             nullable(t.headerFormat),
             nullable(t.headerText),
             nullable(t.bodyText),
             nullable(t.footerText),
             StoreSql::json(t.buttons),
             StoreSql::json(t.placeholders),
             t.components.isEmpty()
                 ? QVariant()
                 : QVariant(QString::fromUtf8(QJsonDocument(t.components).toJson(QJsonDocument::Compact))),
             at});
        if (!stored) {
            return Unexpected(stored.error());
        }
    }
    m_changes.templates = true;
    return int(templates.size());
}

// ---- housekeeping

Result<RecoveryReport> MessageWriter::recoverAtStartup()
{
    RecoveryReport report;
    auto interrupted = m_sql.all(QStringLiteral("SELECT id FROM messages WHERE status = ? ORDER BY id"),
                                 {statusName(MessageStatus::Sending)});
    if (!interrupted) {
        return Unexpected(interrupted.error());
    }
    for (const QSqlRecord& r : *interrupted) {
        const qint64 id = r.value(0).toLongLong();
        auto moved = markUnknown(id, QStringLiteral("FlowChat stopped while the request was in flight"));
        if (!moved) {
            return Unexpected(moved.error());
        }
        report.unknownIds << id;
    }
    auto pending = m_sql.all(QStringLiteral("SELECT id FROM messages WHERE status = ? AND direction = ? ORDER BY id"),
                             {statusName(MessageStatus::Pending), StoreNames::direction(MessageDirection::Outbound)});
    if (!pending) {
        return Unexpected(pending.error());
    }
    for (const QSqlRecord& r : *pending) {
        report.pendingIds << r.value(0).toLongLong();
    }
    auto any = m_sql.all(QStringLiteral("SELECT 1 FROM messages LIMIT 1"), {});
    if (!any) {
        return Unexpected(any.error());
    }
    report.noMessages = any->isEmpty();
    if (!report.unknownIds.isEmpty()) {
        qCWarning(lcStore) << report.unknownIds.size() << "messages were being sent when FlowChat stopped; now unknown";
    }
    return report;
}

Result<int> MessageWriter::markConversationRead(qint64 conversationId)
{
    auto found = m_sql.one(QStringLiteral("SELECT unread_count FROM conversations WHERE id = ?"), {conversationId});
    if (!found) {
        return Unexpected(found.error());
    }
    if (!*found) {
        return Unexpected(StoreSql::notFound(QStringLiteral("conversation"), conversationId));
    }
    const int unread = (*found)->value(0).toInt();
    if (unread > 0) {
        auto cleared =
            m_sql.exec(QStringLiteral("UPDATE conversations SET unread_count = 0 WHERE id = ?"), {conversationId});
        if (!cleared) {
            return Unexpected(cleared.error());
        }
        m_changes.conversations.insert(conversationId);
    }
    return unread;
}
