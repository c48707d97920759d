#include "app/store/Schema.h"

#include "app/AppLogging.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Schema
{

namespace
{

Error schemaError(const QString& what, const QSqlError& error)
{
    Error e;
    e.kind = Error::Kind::Configuration;
    e.code = QStringLiteral("store.migration");
    e.message = what + QStringLiteral(": ") + error.text();
    return e;
}

QStringList expanded(const StoreDialect& dialect, const QStringList& statements)
{
    QStringList out;
    for (const QString& statement : statements) {
        out << dialect.expandDdl(statement);
    }
    return out;
}

QStringList version1(const StoreDialect& dialect)
{
    return expanded(
        dialect,
        {
            QStringLiteral("CREATE TABLE contacts ("
                           " id {{ID}},"
                           " e164 TEXT NOT NULL,"
                           " identity_key TEXT NOT NULL UNIQUE,"
                           " profile_name TEXT,"
                           " created_at BIGINT NOT NULL)"),
            QStringLiteral("CREATE TABLE conversations ("
                           " id {{ID}},"
                           " contact_id BIGINT NOT NULL UNIQUE REFERENCES contacts(id),"
                           " last_inbound_at BIGINT,"
                           " last_message_at BIGINT NOT NULL DEFAULT 0,"
                           " unread_count INTEGER NOT NULL DEFAULT 0,"
                           " last_message_id BIGINT,"
                           " created_at BIGINT NOT NULL)"),
            QStringLiteral("CREATE INDEX conversations_activity ON conversations (last_message_at, id)"),
            // NULL provider ids never collide, so the pair is unique only once the provider named the message.
            QStringLiteral("CREATE TABLE messages ("
                           " id {{ID}},"
                           " conversation_id BIGINT NOT NULL REFERENCES conversations(id),"
                           " direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),"
                           " provider TEXT NOT NULL,"
                           " provider_message_id TEXT,"
                           " type TEXT NOT NULL,"
                           " body TEXT,"
                           " media_url TEXT,"
                           " media_id TEXT,"
                           " media_mime TEXT,"
                           " template_name TEXT,"
                           " template_language TEXT,"
                           " parameters TEXT,"
                           " status TEXT NOT NULL,"
                           " error_code TEXT,"
                           " error_message TEXT,"
                           " reply_to TEXT,"
                           " metadata TEXT,"
                           " raw TEXT,"
                           " created_at BIGINT NOT NULL,"
                           " updated_at BIGINT NOT NULL,"
                           " UNIQUE (provider, provider_message_id))"),
            QStringLiteral("CREATE INDEX messages_conversation ON messages (conversation_id, id)"),
            QStringLiteral("CREATE INDEX messages_status ON messages (status)"),
            QStringLiteral("CREATE TABLE message_status_events ("
                           " id {{ID}},"
                           " message_id BIGINT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,"
                           " status TEXT NOT NULL,"
                           " raw_status TEXT,"
                           " error_code TEXT,"
                           " error_message TEXT,"
                           " provider_time BIGINT,"
                           " received_at BIGINT NOT NULL)"),
            QStringLiteral("CREATE INDEX message_status_events_message ON message_status_events (message_id, id)"),
        });
}

QStringList version2(const StoreDialect& dialect)
{
    return expanded(dialect,
                    {
                        QStringLiteral("ALTER TABLE messages ADD COLUMN extra TEXT"),
                        // Statuses for provider ids no message carries yet (they can beat the send response).
                        QStringLiteral("CREATE TABLE early_statuses ("
                                       " id {{ID}},"
                                       " provider TEXT NOT NULL,"
                                       " provider_message_id TEXT NOT NULL,"
                                       " status TEXT NOT NULL,"
                                       " raw_status TEXT NOT NULL DEFAULT '',"
                                       " error_code TEXT NOT NULL DEFAULT '',"
                                       " error_message TEXT,"
                                       " provider_time BIGINT,"
                                       " received_at BIGINT NOT NULL,"
                                       " UNIQUE (provider, provider_message_id, status, raw_status, error_code))"),
                        QStringLiteral("CREATE INDEX early_statuses_received ON early_statuses (received_at)"),
                        QStringLiteral("CREATE TABLE templates ("
                                       " provider TEXT NOT NULL,"
                                       " name TEXT NOT NULL,"
                                       " language TEXT NOT NULL,"
                                       " category TEXT,"
                                       " approval_status TEXT,"
                                       " provider_id TEXT,"
                                       " header_format TEXT,"
                                       " header_text TEXT,"
                                       " body_text TEXT,"
                                       " footer_text TEXT,"
                                       " buttons TEXT,"
                                       " placeholders TEXT,"
                                       " components TEXT,"
                                       " synced_at BIGINT NOT NULL,"
                                       " PRIMARY KEY (provider, name, language))"),
                        QStringLiteral("CREATE TABLE webhook_log ("
                                       " id {{ID}},"
                                       " received_at BIGINT NOT NULL,"
                                       " provider TEXT,"
                                       " verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'refused', 'invalid')),"
                                       " reason TEXT,"
                                       " headers TEXT,"
                                       " body {{BLOB}},"
                                       " url TEXT)"),
                    });
}

QStringList version4(const StoreDialect& dialect)
{
    return expanded(dialect,
                    {
                        // The agent whose console wrote an outbound message (FLOWCHAT_AGENT); empty for
                        // the HTTP API and for messages written before agents existed.
                        QStringLiteral("ALTER TABLE messages ADD COLUMN agent TEXT NOT NULL DEFAULT ''"),
                        // Team mode: each console's heartbeat, what its agent is looking at and
                        // whether they are typing (NOTIFY carries the changes; this row is the state
                        // a console that starts later reads).
                        QStringLiteral("CREATE TABLE agent_presence ("
                                       " agent TEXT PRIMARY KEY,"
                                       " conversation_id BIGINT NOT NULL DEFAULT 0,"
                                       " typing INTEGER NOT NULL DEFAULT 0,"
                                       " seen_at BIGINT NOT NULL)"),
                    });
}

Result<void> execAll(QSqlDatabase& db, const QStringList& statements)
{
    for (const QString& statement : statements) {
        QSqlQuery query(db);
        if (!query.exec(statement)) {
            return Unexpected(schemaError(statement.left(80), query.lastError()));
        }
    }
    return {};
}

} // namespace

QList<Migration> migrations(const StoreDialect& dialect)
{
    return {
        {1, QStringLiteral("contacts, conversations, messages, status history"), version1(dialect)},
        {2, QStringLiteral("early statuses, templates, webhook log, message extras"), version2(dialect)},
        {3, QStringLiteral("full-text search"), dialect.fullTextSearchSteps()},
        {4, QStringLiteral("agents: who sent a message, who is looking at what"), version4(dialect)},
    };
}

int latestVersion()
{
    return 4; // migrations() ends with this step (migrate() checks)
}

Result<int> currentVersion(QSqlDatabase& db)
{
    if (!db.tables().contains(QLatin1String("schema_version"))) {
        return 0;
    }
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT MAX(version) FROM schema_version"))) {
        return Unexpected(schemaError(QStringLiteral("reading schema_version"), query.lastError()));
    }
    return query.next() ? query.value(0).toInt() : 0;
}

namespace
{
// migrate() while holding the migration lock.
Result<OpenReport> migrateHeld(QSqlDatabase& db, const StoreDialect& dialect, qint64 nowMs, int targetVersion);
} // namespace

Result<OpenReport> migrate(QSqlDatabase& db, const StoreDialect& dialect, qint64 nowMs, int targetVersion)
{
    if (const QString hold = dialect.holdMigrationLock(); !hold.isEmpty()) {
        if (QSqlQuery lock(db); !lock.exec(hold)) {
            return Unexpected(schemaError(QStringLiteral("waiting for another process's migration"), lock.lastError()));
        }
    }
    Result<OpenReport> report = migrateHeld(db, dialect, nowMs, targetVersion);
    if (const QString release = dialect.releaseMigrationLock(); !release.isEmpty()) {
        QSqlQuery unlock(db);
        unlock.exec(release);
    }
    return report;
}

namespace
{

Result<OpenReport> migrateHeld(QSqlDatabase& db, const StoreDialect& dialect, qint64 nowMs, int targetVersion)
{
    const QList<Migration> steps = migrations(dialect);
    Q_ASSERT(steps.constLast().version == latestVersion());
    const int target = targetVersion < 0 ? latestVersion() : targetVersion;

    auto created = execAll(db,
                           {QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version ("
                                           " version INTEGER PRIMARY KEY,"
                                           " name TEXT NOT NULL,"
                                           " applied_at BIGINT NOT NULL)")});
    if (!created) {
        return Unexpected(created.error());
    }
    const Result<int> before = currentVersion(db);
    if (!before) {
        return Unexpected(before.error());
    }
    if (*before > latestVersion()) {
        Error e;
        e.kind = Error::Kind::Configuration;
        e.code = QStringLiteral("store.too_new");
        e.message = QStringLiteral("the database has schema version %1; this FlowChat knows up to %2")
                        .arg(*before)
                        .arg(latestVersion());
        return Unexpected(e);
    }

    OpenReport report{*before, *before};
    for (const Migration& step : steps) {
        if (step.version <= *before || step.version > target) {
            continue;
        }
        if (!db.transaction()) {
            return Unexpected(schemaError(QStringLiteral("BEGIN for migration %1").arg(step.version), db.lastError()));
        }
        auto applied = execAll(db, step.statements);
        if (applied) {
            QSqlQuery record(db);
            record.prepare(QStringLiteral("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)"));
            record.addBindValue(step.version);
            record.addBindValue(step.name);
            record.addBindValue(nowMs);
            if (!record.exec()) {
                applied = Unexpected(schemaError(QStringLiteral("recording migration"), record.lastError()));
            }
        }
        if (!applied || !db.commit()) {
            const Error error = applied ? schemaError(QStringLiteral("COMMIT"), db.lastError()) : applied.error();
            db.rollback();
            qCWarning(lcStore) << "migration" << step.version << "failed:" << error.message;
            return Unexpected(error);
        }
        qCInfo(lcStore) << "applied migration" << step.version << step.name;
        report.version = step.version;
    }
    return report;
}

} // namespace

} // namespace Schema
