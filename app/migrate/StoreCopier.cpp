#include "app/migrate/StoreCopier.h"

#include "app/AppLogging.h"
#include "app/store/Schema.h"
#include "app/store/StatementCache.h"
#include "app/store/StoreDialect.h"
#include "app/store/StoreSql.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

namespace
{

std::atomic<int> s_connectionCounter{0};

// The copier's bookkeeping, outside the numbered migrations: only a target that received a copy
// has it, and dropping it afterwards only means a later run compares by natural keys again.
const QString kMapTable = QStringLiteral("CREATE TABLE IF NOT EXISTS store_migration_map ("
                                         " origin TEXT NOT NULL,"
                                         " kind TEXT NOT NULL,"
                                         " source_id BIGINT NOT NULL,"
                                         " target_id BIGINT NOT NULL,"
                                         " PRIMARY KEY (origin, kind, source_id))");

// What a copy covers, in the order it copies and reports them; schema_version is the target's own.
const QStringList kTables = {QStringLiteral("contacts"),
                             QStringLiteral("conversations"),
                             QStringLiteral("messages"),
                             QStringLiteral("message_status_events"),
                             QStringLiteral("early_statuses"),
                             QStringLiteral("templates"),
                             QStringLiteral("webhook_log")};

Error copyError(const QString& message)
{
    return Error::make(Error::Kind::Configuration, QStringLiteral("migrate.failed"), message);
}

} // namespace

StoreCopier::StoreCopier(QString from, QString to)
    : StoreCopier(std::move(from), std::move(to), Options())
{
}

StoreCopier::StoreCopier(QString from, QString to, Options options)
    : m_from(std::move(from))
    , m_to(std::move(to))
    , m_options(options)
    , m_sourceDialect(StoreDialect::forDatabase(m_from))
    , m_targetDialect(StoreDialect::forDatabase(m_to))
{
    const int n = ++s_connectionCounter;
    m_sourceConnection = QStringLiteral("flowchat.migrate.source.%1").arg(n);
    m_targetConnection = QStringLiteral("flowchat.migrate.target.%1").arg(n);
    m_options.batchSize = std::max(1, m_options.batchSize);
}

StoreCopier::~StoreCopier()
{
    m_sql.reset();
    const bool hadSource = m_source.isValid();
    const bool hadTarget = m_target.isValid();
    m_source.close();
    m_target.close();
    m_source = QSqlDatabase();
    m_target = QSqlDatabase();
    if (hadSource) {
        QSqlDatabase::removeDatabase(m_sourceConnection);
    }
    if (hadTarget) {
        QSqlDatabase::removeDatabase(m_targetConnection);
    }
}

Result<StoreCopier::Report> StoreCopier::run(const Progress& progress)
{
    m_progress = progress;
    m_report = Report();
    m_batches = 0;
    if (auto opened = open(); !opened) {
        return Unexpected(opened.error());
    }
    // Every table's count exists before the steps hold references to them (an append could move them).
    for (const QString& table : kTables) {
        m_report.tables.append(TableCount{table});
    }
    // Parents before children: each step maps the ids the next one refers to.
    const std::function<Result<void>()> steps[] = {
        [this] { return copyContacts(); },
        [this] { return copyConversations(); },
        [this] { return copyMessages(); },
        [this] { return copyEarlyStatuses(); },
        [this] { return copyTemplates(); },
        [this] { return copyWebhookLog(); },
    };
    for (const auto& step : steps) {
        if (auto done = step(); !done) {
            return Unexpected(done.error());
        }
        if (m_report.stopped) {
            break;
        }
    }
    return m_report;
}

Result<void> StoreCopier::open()
{
    const QString shownTarget = StoreDialect::displayName(m_to);
    if (StoreDialect::isPostgres(m_from)) {
        return Unexpected(
            copyError(QStringLiteral("--from must be a SQLite file, not %1").arg(StoreDialect::displayName(m_from))));
    }
    if (!QFileInfo(m_from).isFile()) {
        return Unexpected(copyError(QStringLiteral("no SQLite database at %1").arg(m_from)));
    }
    if (!StoreDialect::isPostgres(m_to)
        && QFileInfo(m_from).canonicalFilePath() == QFileInfo(m_to).canonicalFilePath()) {
        return Unexpected(copyError(QStringLiteral("--from and --to are the same database")));
    }

    // Read-only: the desktop's file is never changed, even when its schema is older.
    auto source = m_sourceDialect->open(m_sourceConnection, StoreDialect::Access::ReadOnly, 5000);
    if (!source) {
        return Unexpected(
            copyError(QStringLiteral("cannot open the source %1: %2").arg(m_from, source.error().message)));
    }
    m_source = *source;
    const Result<int> sourceVersion = Schema::currentVersion(m_source);
    if (!sourceVersion) {
        return Unexpected(failed(QStringLiteral("reading the source's schema version"), sourceVersion.error()));
    }
    if (*sourceVersion == 0) {
        return Unexpected(
            copyError(QStringLiteral("%1 is not a FlowChat database (it has no schema_version)").arg(m_from)));
    }
    if (*sourceVersion > Schema::latestVersion()) {
        return Unexpected(
            copyError(QStringLiteral("the source %1 has schema version %2, newer than this FlowChat knows "
                                     "(%3): copy it with the FlowChat that wrote it")
                          .arg(m_from)
                          .arg(*sourceVersion)
                          .arg(Schema::latestVersion())));
    }
    m_report.sourceVersion = *sourceVersion;

    auto target = m_targetDialect->open(m_targetConnection, StoreDialect::Access::ReadWrite, 5000);
    if (!target) {
        // The dialect's message already names the database without its password.
        return Unexpected(copyError(QStringLiteral("cannot open the target: %1").arg(target.error().message)));
    }
    m_target = *target;
    const Result<int> targetVersion = Schema::currentVersion(m_target);
    if (!targetVersion) {
        return Unexpected(failed(QStringLiteral("reading the target's schema version"), targetVersion.error()));
    }
    m_report.targetVersionBefore = *targetVersion;
    // The same numbered migrations as the store: an empty target gets the whole schema, and a
    // target written by a newer FlowChat is refused.
    const Result<OpenReport> migrated =
        Schema::migrate(m_target, *m_targetDialect, QDateTime::currentMSecsSinceEpoch());
    if (!migrated) {
        return Unexpected(copyError(
            QStringLiteral("the target %1 cannot be prepared: %2").arg(shownTarget, migrated.error().message)));
    }
    m_sql = std::make_unique<StatementCache>(m_target);
    if (auto made = m_sql->control(kMapTable); !made) {
        return Unexpected(failed(QStringLiteral("creating store_migration_map in the target"), made.error()));
    }

    // The source's identity survives copying or renaming the file: when its schema was first made.
    QSqlQuery identity(m_source);
    if (identity.exec(QStringLiteral("SELECT applied_at FROM schema_version WHERE version = 1")) && identity.next()) {
        m_origin = QStringLiteral("sqlite:") + identity.value(0).toString();
    } else {
        m_origin = QStringLiteral("sqlite:") + QFileInfo(m_from).canonicalFilePath();
    }

    const QStringList tables = m_source.tables();
    for (const QString& table : kTables) {
        if (!tables.contains(table)) {
            continue; // an older source: nothing of it to copy
        }
        const QSqlRecord targetColumns = m_target.record(table);
        const QSqlRecord sourceColumns = m_source.record(table);
        QStringList both;
        for (int i = 0; i < sourceColumns.count(); ++i) {
            const QString name = sourceColumns.fieldName(i);
            if (name != QLatin1String("id") && targetColumns.contains(name)) {
                both << name;
            }
        }
        m_columns.insert(table, both);
    }
    qCInfo(lcStore) << "copying" << m_from << "(schema" << *sourceVersion << ") into" << shownTarget << "as origin"
                    << m_origin;
    return {};
}

bool StoreCopier::sourceHas(const QString& table) const
{
    return m_columns.contains(table);
}

StoreCopier::TableCount& StoreCopier::count(const QString& table)
{
    // run() made one per table of kTables before any step.
    const auto it = std::find_if(
        m_report.tables.begin(), m_report.tables.end(), [&table](const TableCount& c) { return c.table == table; });
    Q_ASSERT(it != m_report.tables.end());
    return *it;
}

Error StoreCopier::failed(const QString& what, const Error& cause) const
{
    return Error::make(
        Error::Kind::Internal, QStringLiteral("migrate.failed"), what + QStringLiteral(": ") + cause.message);
}

Result<qint64> StoreCopier::sourceCount(const QString& table)
{
    QSqlQuery query(m_source);
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table) || !query.next()) {
        return Unexpected(failed(QStringLiteral("counting %1 in the source").arg(table),
                                 StoreSql::sqlError(QStringLiteral("COUNT"), query.lastError())));
    }
    return query.value(0).toLongLong();
}

Result<QList<QSqlRecord>> StoreCopier::sourceBatch(const QString& table, qint64 afterId)
{
    QSqlQuery query(m_source);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, %1 FROM %2 WHERE id > ? ORDER BY id LIMIT ?")
                      .arg(m_columns.value(table).join(QStringLiteral(", ")), table));
    query.addBindValue(afterId);
    query.addBindValue(m_options.batchSize);
    if (!query.exec()) {
        return Unexpected(failed(QStringLiteral("reading %1 from the source").arg(table),
                                 StoreSql::sqlError(QStringLiteral("SELECT"), query.lastError())));
    }
    QList<QSqlRecord> rows;
    while (query.next()) {
        rows << query.record();
    }
    return rows;
}

QString StoreCopier::insertSql(const QString& table, const QString& tail) const
{
    const QStringList columns = m_columns.value(table);
    QStringList marks;
    marks.fill(QStringLiteral("?"), columns.size());
    return QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
               .arg(table, columns.join(QStringLiteral(", ")), marks.join(QStringLiteral(", ")))
           + tail;
}

QVariantList
StoreCopier::insertValues(const QString& table, const QSqlRecord& row, const QHash<QString, qint64>& mapped) const
{
    QVariantList values;
    for (const QString& column : m_columns.value(table)) {
        const auto it = mapped.constFind(column);
        values << (it != mapped.constEnd() ? QVariant(*it) : row.value(column));
    }
    return values;
}

Result<void> StoreCopier::begin()
{
    if (auto begun = m_sql->control(m_targetDialect->beginWrite()); !begun) {
        return Unexpected(failed(QStringLiteral("starting a transaction in the target"), begun.error()));
    }
    return {};
}

Result<void> StoreCopier::commit(const QString& table, qint64 done, qint64 total)
{
    if (auto committed = m_sql->control(QStringLiteral("COMMIT")); !committed) {
        return Unexpected(failed(QStringLiteral("committing %1 in the target").arg(table), committed.error()));
    }
    ++m_batches;
    if (m_progress) {
        m_progress(table, done, total);
    }
    m_report.stopped = m_options.stopAfterBatches > 0 && m_batches >= m_options.stopAfterBatches;
    return {};
}

Result<std::pair<qint64, qint64>> StoreCopier::resumePoint(const QString& kind)
{
    auto row = m_sql->one(QStringLiteral("SELECT COALESCE(MAX(source_id), 0), COUNT(*) FROM store_migration_map "
                                         "WHERE origin = ? AND kind = ?"),
                          {m_origin, kind});
    if (!row || !*row) {
        return Unexpected(failed(QStringLiteral("reading store_migration_map"),
                                 row ? copyError(QStringLiteral("no row")) : row.error()));
    }
    return std::make_pair((*row)->value(0).toLongLong(), (*row)->value(1).toLongLong());
}

Result<void> StoreCopier::record(const QString& kind, const QList<std::pair<qint64, qint64>>& ids)
{
    // One statement per batch: a round trip per row was a third of the run.
    if (ids.isEmpty()) {
        return {};
    }
    QStringList rows;
    QVariantList values;
    for (const auto& [sourceId, targetId] : ids) {
        rows << QStringLiteral("(?, ?, ?, ?)");
        values << m_origin << kind << sourceId << targetId;
    }
    auto recorded =
        m_sql->exec(QStringLiteral("INSERT INTO store_migration_map (origin, kind, source_id, target_id) VALUES ")
                        + rows.join(QStringLiteral(", ")),
                    values);
    if (!recorded) {
        return Unexpected(recorded.error());
    }
    return {};
}

Result<void>
StoreCopier::inBatches(const QString& table, qint64 afterId, qint64 total, qint64& done, const BatchCopy& copy)
{
    for (;;) {
        auto rows = sourceBatch(table, afterId);
        if (!rows) {
            return Unexpected(rows.error());
        }
        if (rows->isEmpty()) {
            return {};
        }
        if (auto begun = begin(); !begun) {
            return begun;
        }
        if (auto copied = copy(*rows); !copied) {
            m_sql->control(QStringLiteral("ROLLBACK"));
            return Unexpected(failed(QStringLiteral("copying %1 (source ids %2 to %3)")
                                         .arg(table)
                                         .arg(rows->constFirst().value(0).toLongLong())
                                         .arg(rows->constLast().value(0).toLongLong()),
                                     copied.error()));
        }
        afterId = rows->constLast().value(0).toLongLong();
        done += rows->size();
        if (auto committed = commit(table, done, total); !committed) {
            return committed;
        }
        if (m_report.stopped) {
            return {};
        }
    }
}

Result<void> StoreCopier::copyContacts()
{
    const QString table = QStringLiteral("contacts");
    TableCount& counted = count(table);
    auto total = sourceCount(table);
    if (!total) {
        return Unexpected(total.error());
    }
    counted.inSource = *total;
    const QString insert = insertSql(table, QStringLiteral(" ON CONFLICT (identity_key) DO NOTHING RETURNING id"));
    qint64 done = 0;
    return inBatches(table, 0, *total, done, [&](const QList<QSqlRecord>& rows) -> Result<void> {
        for (const QSqlRecord& row : rows) {
            auto inserted = m_sql->one(insert, insertValues(table, row));
            if (!inserted) {
                return Unexpected(inserted.error());
            }
            if (*inserted) {
                ++counted.copied;
                m_contactIds.insert(row.value(0).toLongLong(), (*inserted)->value(0).toLongLong());
                continue;
            }
            // The team knows this customer already (any spelling of the number): theirs is kept,
            // and only gains the profile name when it had none.
            auto found = m_sql->one(QStringLiteral("SELECT id FROM contacts WHERE identity_key = ?"),
                                    {row.value(QStringLiteral("identity_key"))});
            if (!found || !*found) {
                return Unexpected(found ? copyError(QStringLiteral("contact vanished")) : found.error());
            }
            const qint64 id = (*found)->value(0).toLongLong();
            if (!row.value(QStringLiteral("profile_name")).isNull()) {
                auto named = m_sql->exec(
                    QStringLiteral("UPDATE contacts SET profile_name = ? WHERE id = ? AND profile_name IS NULL"),
                    {row.value(QStringLiteral("profile_name")), id});
                if (!named) {
                    return Unexpected(named.error());
                }
            }
            ++counted.present;
            m_contactIds.insert(row.value(0).toLongLong(), id);
        }
        return {};
    });
}

Result<void> StoreCopier::copyConversations()
{
    const QString table = QStringLiteral("conversations");
    TableCount& counted = count(table);
    auto total = sourceCount(table);
    if (!total) {
        return Unexpected(total.error());
    }
    counted.inSource = *total;
    // last_message_id points at a message not copied yet: copyMessages() sets it.
    const QString insert = insertSql(table, QStringLiteral(" ON CONFLICT (contact_id) DO NOTHING RETURNING id"));
    qint64 done = 0;
    return inBatches(table, 0, *total, done, [&](const QList<QSqlRecord>& rows) -> Result<void> {
        for (const QSqlRecord& row : rows) {
            const qint64 sourceContact = row.value(QStringLiteral("contact_id")).toLongLong();
            if (!m_contactIds.contains(sourceContact)) {
                return Unexpected(
                    copyError(QStringLiteral("conversation %1 refers to contact %2, which the source does not have")
                                  .arg(row.value(0).toLongLong())
                                  .arg(sourceContact)));
            }
            const qint64 contact = m_contactIds.value(sourceContact);
            QHash<QString, qint64> mapped{{QStringLiteral("contact_id"), contact}};
            QVariantList values = insertValues(table, row, mapped);
            const qsizetype last = m_columns.value(table).indexOf(QStringLiteral("last_message_id"));
            if (last >= 0) {
                values[last] = QVariant();
            }
            auto inserted = m_sql->one(insert, values);
            if (!inserted) {
                return Unexpected(inserted.error());
            }
            if (*inserted) {
                ++counted.copied;
                m_conversationIds.insert(row.value(0).toLongLong(), (*inserted)->value(0).toLongLong());
                continue;
            }
            // The team's conversation with this customer: its window and activity become the
            // later of both; its unread count stays the team's.
            const QVariant inbound = row.value(QStringLiteral("last_inbound_at"));
            const QVariant activity = row.value(QStringLiteral("last_message_at"));
            auto merged = m_sql->one(
                QStringLiteral("UPDATE conversations SET "
                               "last_inbound_at = CASE WHEN CAST(? AS BIGINT) IS NOT NULL AND (last_inbound_at IS NULL "
                               "OR last_inbound_at < ?) THEN ? ELSE last_inbound_at END, "
                               "last_message_at = CASE WHEN last_message_at < ? THEN ? ELSE last_message_at END "
                               "WHERE contact_id = ? RETURNING id"),
                {inbound, inbound, inbound, activity, activity, contact});
            if (!merged || !*merged) {
                return Unexpected(merged ? copyError(QStringLiteral("conversation vanished")) : merged.error());
            }
            ++counted.present;
            m_conversationIds.insert(row.value(0).toLongLong(), (*merged)->value(0).toLongLong());
        }
        return {};
    });
}

Result<void> StoreCopier::copyMessages()
{
    const QString table = QStringLiteral("messages");
    const QString events = QStringLiteral("message_status_events");
    TableCount& counted = count(table);
    TableCount& eventsCounted = count(events);
    auto total = sourceCount(table);
    auto totalEvents = sourceHas(events) ? sourceCount(events) : Result<qint64>(0);
    if (!total || !totalEvents) {
        return Unexpected(!total ? total.error() : totalEvents.error());
    }
    counted.inSource = *total;
    eventsCounted.inSource = *totalEvents;
    auto resume = resumePoint(table);
    if (!resume) {
        return Unexpected(resume.error());
    }
    const auto [after, recorded] = *resume;
    counted.present = recorded;
    if (recorded > 0) {
        // Their history came with them in that earlier run, or was the team's own.
        QSqlQuery query(m_source);
        query.prepare(QStringLiteral("SELECT COUNT(*) FROM message_status_events WHERE message_id <= ?"));
        query.addBindValue(after);
        if (sourceHas(events) && query.exec() && query.next()) {
            eventsCounted.present = query.value(0).toLongLong();
        }
    }

    const QString withProviderId =
        insertSql(table, QStringLiteral(" ON CONFLICT (provider, provider_message_id) DO NOTHING RETURNING id"));
    const QString withoutProviderId = insertSql(table, QStringLiteral(" RETURNING id"));
    const QString insertEvent = insertSql(events, QString());
    const QString indexMessage = m_targetDialect->indexMessage();
    const QString providerIdColumn = QStringLiteral("provider_message_id");
    qint64 done = recorded;
    const Result<void> copiedAll =
        inBatches(table, after, *total, done, [&](const QList<QSqlRecord>& rows) -> Result<void> {
            // The batch's status history, read at once.
            QHash<qint64, QList<QSqlRecord>> history;
            if (sourceHas(events)) {
                QSqlQuery query(m_source);
                query.setForwardOnly(true);
                query.prepare(QStringLiteral("SELECT message_id, %1 FROM message_status_events "
                                             "WHERE message_id BETWEEN ? AND ? ORDER BY id")
                                  .arg(m_columns.value(events).join(QStringLiteral(", "))));
                query.addBindValue(rows.constFirst().value(0));
                query.addBindValue(rows.constLast().value(0));
                if (!query.exec()) {
                    return Unexpected(
                        StoreSql::sqlError(QStringLiteral("reading message_status_events"), query.lastError()));
                }
                while (query.next()) {
                    history[query.value(0).toLongLong()] << query.record();
                }
            }
            QList<std::pair<qint64, qint64>> copiedIds;
            for (const QSqlRecord& row : rows) {
                const qint64 sourceId = row.value(0).toLongLong();
                const qint64 sourceConversation = row.value(QStringLiteral("conversation_id")).toLongLong();
                if (!m_conversationIds.contains(sourceConversation)) {
                    return Unexpected(copyError(QStringLiteral("message %1 refers to conversation %2, which the source "
                                                               "does not have")
                                                    .arg(sourceId)
                                                    .arg(sourceConversation)));
                }
                const qint64 conversation = m_conversationIds.value(sourceConversation);
                const QVariantList values =
                    insertValues(table, row, {{QStringLiteral("conversation_id"), conversation}});
                const bool hasProviderId = !row.value(providerIdColumn).isNull();
                auto inserted = m_sql->one(hasProviderId ? withProviderId : withoutProviderId, values);
                if (!inserted) {
                    return Unexpected(inserted.error());
                }
                qint64 targetId = 0;
                if (*inserted) {
                    targetId = (*inserted)->value(0).toLongLong();
                    ++counted.copied;
                    m_touchedConversations.insert(conversation);
                    const QList<QSqlRecord> rowHistory = history.value(sourceId);
                    for (const QSqlRecord& event : rowHistory) {
                        auto copied = m_sql->exec(
                            insertEvent, insertValues(events, event, {{QStringLiteral("message_id"), targetId}}));
                        if (!copied) {
                            return Unexpected(copied.error());
                        }
                    }
                    eventsCounted.copied += rowHistory.size();
                    const QVariant body = row.value(QStringLiteral("body"));
                    if (!indexMessage.isEmpty() && !body.isNull()) {
                        if (auto indexed = m_sql->exec(indexMessage, {targetId, body}); !indexed) {
                            return Unexpected(indexed.error());
                        }
                    }
                } else {
                    // Stored already under its provider id: a receiver of the team's got its webhook.
                    auto found = m_sql->one(
                        QStringLiteral("SELECT id FROM messages WHERE provider = ? AND provider_message_id = ?"),
                        {row.value(QStringLiteral("provider")), row.value(providerIdColumn)});
                    if (!found || !*found) {
                        return Unexpected(found ? copyError(QStringLiteral("message vanished")) : found.error());
                    }
                    targetId = (*found)->value(0).toLongLong();
                    ++counted.present;
                    eventsCounted.present += history.value(sourceId).size();
                }
                copiedIds.append({sourceId, targetId});
            }
            return record(table, copiedIds);
        });
    if (!copiedAll || m_report.stopped) {
        return copiedAll;
    }
    // Each conversation shows its newest message, whichever store it came from. Once at the end
    // rather than per batch, where every batch may touch every conversation again; a resumed run
    // does it when it completes.
    if (auto begun = begin(); !begun) {
        return begun;
    }
    for (const qint64 conversation : std::as_const(m_conversationIds)) {
        auto moved = m_sql->exec(QStringLiteral("UPDATE conversations SET last_message_id = (SELECT id FROM messages "
                                                "WHERE conversation_id = ? ORDER BY created_at DESC, id DESC LIMIT 1) "
                                                "WHERE id = ?"),
                                 {conversation, conversation});
        if (!moved) {
            m_sql->control(QStringLiteral("ROLLBACK"));
            return Unexpected(failed(QStringLiteral("pointing conversations at their newest message"), moved.error()));
        }
    }
    if (auto announced = announceConversations(); !announced) {
        m_sql->control(QStringLiteral("ROLLBACK"));
        return announced;
    }
    if (auto committed = m_sql->control(QStringLiteral("COMMIT")); !committed) {
        return Unexpected(failed(QStringLiteral("committing conversations' newest messages"), committed.error()));
    }
    return {};
}

Result<void> StoreCopier::announceConversations()
{
    // Consoles already running refresh the conversations that gained messages, as after any
    // other process's commit (the store's NOTIFY payload; nothing on SQLite).
    const QString statement = m_targetDialect->announceChanges();
    const QList<qint64> ids = m_touchedConversations.values();
    constexpr int kIdsPerPayload = 400; // PostgreSQL takes payloads under 8000 bytes
    for (qsizetype from = 0; !statement.isEmpty() && from < ids.size(); from += kIdsPerPayload) {
        QJsonArray slice;
        for (const qint64 id : ids.mid(from, kIdsPerPayload)) {
            slice.append(id);
        }
        const QJsonObject payload{{QStringLiteral("origin"), QStringLiteral("migrate-store")},
                                  {QStringLiteral("messages"), QJsonArray()},
                                  {QStringLiteral("conversations"), slice},
                                  {QStringLiteral("templates"), false}};
        auto sent = m_sql->exec(statement, {QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact))});
        if (!sent) {
            return Unexpected(failed(QStringLiteral("announcing the copied conversations"), sent.error()));
        }
    }
    return {};
}

Result<void> StoreCopier::copyEarlyStatuses()
{
    const QString table = QStringLiteral("early_statuses");
    if (!sourceHas(table)) {
        return {};
    }
    TableCount& counted = count(table);
    auto total = sourceCount(table);
    if (!total) {
        return Unexpected(total.error());
    }
    counted.inSource = *total;
    const QString insert = insertSql(table, QStringLiteral(" ON CONFLICT DO NOTHING"));
    qint64 done = 0;
    return inBatches(table, 0, *total, done, [&](const QList<QSqlRecord>& rows) -> Result<void> {
        for (const QSqlRecord& row : rows) {
            auto inserted = m_sql->exec(insert, insertValues(table, row));
            if (!inserted) {
                return Unexpected(inserted.error());
            }
            (*inserted > 0 ? counted.copied : counted.present) += 1;
        }
        return {};
    });
}

Result<void> StoreCopier::copyTemplates()
{
    const QString table = QStringLiteral("templates");
    if (!sourceHas(table)) {
        return {};
    }
    TableCount& counted = count(table);
    // A cache of what the provider lists, keyed by (provider, name, language) and without an id:
    // the team's copy wins, and few enough to read at once.
    QSqlQuery query(m_source);
    query.setForwardOnly(true);
    if (!query.exec(
            QStringLiteral("SELECT %1 FROM templates").arg(m_columns.value(table).join(QStringLiteral(", "))))) {
        return Unexpected(failed(QStringLiteral("reading templates from the source"),
                                 StoreSql::sqlError(QStringLiteral("SELECT"), query.lastError())));
    }
    QList<QSqlRecord> rows;
    while (query.next()) {
        rows << query.record();
    }
    counted.inSource = rows.size();
    if (rows.isEmpty()) {
        return {};
    }
    if (auto begun = begin(); !begun) {
        return begun;
    }
    const QString insert = insertSql(table, QStringLiteral(" ON CONFLICT (provider, name, language) DO NOTHING"));
    for (const QSqlRecord& row : std::as_const(rows)) {
        auto inserted = m_sql->exec(insert, insertValues(table, row));
        if (!inserted) {
            m_sql->control(QStringLiteral("ROLLBACK"));
            return Unexpected(failed(QStringLiteral("copying templates"), inserted.error()));
        }
        (*inserted > 0 ? counted.copied : counted.present) += 1;
    }
    return commit(table, rows.size(), rows.size());
}

Result<void> StoreCopier::copyWebhookLog()
{
    const QString table = QStringLiteral("webhook_log");
    if (!sourceHas(table)) {
        return {};
    }
    TableCount& counted = count(table);
    auto total = sourceCount(table);
    auto resume = resumePoint(table);
    if (!total || !resume) {
        return Unexpected(!total ? total.error() : resume.error());
    }
    counted.inSource = *total;
    const auto [after, recorded] = *resume;
    counted.present = recorded;
    // Nothing identifies a request but the id this copier recorded: only store_migration_map
    // keeps a second run from logging it twice.
    const QString insert = insertSql(table, QStringLiteral(" RETURNING id"));
    qint64 done = recorded;
    return inBatches(table, after, *total, done, [&](const QList<QSqlRecord>& rows) -> Result<void> {
        QList<std::pair<qint64, qint64>> copiedIds;
        for (const QSqlRecord& row : rows) {
            auto inserted = m_sql->insert(insert, insertValues(table, row));
            if (!inserted) {
                return Unexpected(inserted.error());
            }
            ++counted.copied;
            copiedIds.append({row.value(0).toLongLong(), *inserted});
        }
        return record(table, copiedIds);
    });
}
