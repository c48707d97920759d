#include "app/store/SqliteDialect.h"

#include "app/AppLogging.h"

#include <QSqlError>
#include <QSqlQuery>

namespace
{

Error connectionError(const QString& what, const QSqlError& error)
{
    Error e;
    e.kind = Error::Kind::Configuration;
    e.code = QStringLiteral("store.open");
    e.message = what + QStringLiteral(": ") + error.text();
    return e;
}

} // namespace

SqliteDialect::SqliteDialect(QString path)
    : m_path(std::move(path))
{
}

Result<QSqlDatabase> SqliteDialect::open(const QString& connectionName, Access access, int busyTimeoutMs) const
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    db.setDatabaseName(m_path);
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs);
    if (access == Access::ReadOnly) {
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    }
    db.setConnectOptions(options);
    if (!db.open()) {
        return Unexpected(connectionError(QStringLiteral("cannot open %1").arg(m_path), db.lastError()));
    }

    QStringList pragmas;
    if (access == Access::ReadWrite) {
        // WAL lets readers run while the writer commits; NORMAL skips the fsync per commit (a power
        // cut may lose the last commits, never corrupt the file; a killed process loses nothing).
        // The writer's page cache holds the indexes every webhook touches (contacts, conversations,
        // provider ids; 2 MB by default, which a store of a few ten thousand messages outgrows:
        // realistic ingest ran at a third of the rate), and each operation's savepoint journal
        // stays in memory instead of a temporary file.
        pragmas = {QStringLiteral("PRAGMA journal_mode=WAL"),
                   QStringLiteral("PRAGMA synchronous=NORMAL"),
                   QStringLiteral("PRAGMA foreign_keys=ON"),
                   QStringLiteral("PRAGMA cache_size=-32000"),
                   QStringLiteral("PRAGMA temp_store=MEMORY")};
    } else {
        pragmas = {QStringLiteral("PRAGMA foreign_keys=ON"), QStringLiteral("PRAGMA query_only=ON")};
    }
    for (const QString& pragma : pragmas) {
        QSqlQuery query(db);
        if (!query.exec(pragma)) {
            return Unexpected(connectionError(pragma, query.lastError()));
        }
        if (pragma.contains(QLatin1String("journal_mode")) && query.next()
            && query.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
            qCWarning(lcStore) << "journal mode is" << query.value(0).toString() << "instead of wal";
        }
    }
    return db;
}

QString SqliteDialect::expandDdl(QString sql) const
{
    sql.replace(QLatin1String("{{ID}}"), QLatin1String("INTEGER PRIMARY KEY"));
    sql.replace(QLatin1String("{{BLOB}}"), QLatin1String("BLOB"));
    return sql;
}

QString SqliteDialect::beginWrite() const
{
    return QStringLiteral("BEGIN IMMEDIATE");
}

QStringList SqliteDialect::fullTextSearchSteps() const
{
    // External-content tables: the text stays in messages/contacts. Contact names follow by
    // trigger. Message text is indexed by the writer just before COMMIT (indexMessage()): a trigger
    // runs each insert in a statement savepoint, where FTS5 flushes a segment per row (3x the cost).
    return {
        QStringLiteral("CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='messages', content_rowid='id', "
                       "tokenize='unicode61 remove_diacritics 2')"),
        QStringLiteral("INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')"),
        QStringLiteral("CREATE VIRTUAL TABLE contacts_fts USING fts5(profile_name, content='contacts', "
                       "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"),
        QStringLiteral("CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN "
                       "INSERT INTO contacts_fts(rowid, profile_name) VALUES (new.id, new.profile_name); END"),
        QStringLiteral("CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN "
                       "INSERT INTO contacts_fts(contacts_fts, rowid, profile_name) "
                       "VALUES ('delete', old.id, old.profile_name); END"),
        QStringLiteral("CREATE TRIGGER contacts_fts_update AFTER UPDATE OF profile_name ON contacts BEGIN "
                       "INSERT INTO contacts_fts(contacts_fts, rowid, profile_name) "
                       "VALUES ('delete', old.id, old.profile_name); "
                       "INSERT INTO contacts_fts(rowid, profile_name) VALUES (new.id, new.profile_name); END"),
        QStringLiteral("INSERT INTO contacts_fts(contacts_fts) VALUES ('rebuild')"),
    };
}

QString SqliteDialect::fullTextQuery(const QString& userText) const
{
    // Each word quoted (so FTS5 operators and quotes are plain text) and matched as a prefix.
    QStringList terms;
    for (const QString& word : searchWords(userText)) {
        terms << QLatin1Char('"') + word + QStringLiteral("\"*");
    }
    return terms.join(QLatin1Char(' '));
}

QString SqliteDialect::indexMessage() const
{
    return QStringLiteral("INSERT INTO messages_fts(rowid, body) VALUES (?, ?)");
}

QString SqliteDialect::messageIdsMatching() const
{
    return QStringLiteral("SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?");
}

QString SqliteDialect::contactIdsMatching() const
{
    return QStringLiteral("SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?");
}

QString SqliteDialect::lockingRowsOf(const QString& /*alias*/) const
{
    return {};
}

QString SqliteDialect::claimOutboxLock() const
{
    return {};
}

QString SqliteDialect::outboxLockHeld() const
{
    return {};
}

QString SqliteDialect::holdMigrationLock() const
{
    return {};
}

QString SqliteDialect::releaseMigrationLock() const
{
    return {};
}

QString SqliteDialect::changesChannel() const
{
    return {};
}

QString SqliteDialect::announceChanges() const
{
    return {};
}

QString SqliteDialect::idsIn() const
{
    return QStringLiteral("SELECT value FROM json_each(?)");
}

QVariant SqliteDialect::idList(const QList<qint64>& ids) const
{
    return QString(QLatin1Char('[') + commaSeparated(ids) + QLatin1Char(']'));
}
