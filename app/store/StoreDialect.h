#pragma once

#include "providers/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>

// What differs between the databases the store runs on: the driver and how to connect, the DDL
// tokens for auto ids and blobs, how a write transaction starts, full-text search, and binding a
// list of ids. The rest of app/store writes portable SQL and never asks which dialect runs.
//
// FLOWCHAT_DATABASE picks one: a libpq URI (postgresql://…) is PostgreSQL, anything else a SQLite
// file path.
class StoreDialect
{
public:
    enum class Access
    {
        ReadWrite,
        ReadOnly,
    };

    static std::unique_ptr<StoreDialect> forDatabase(const QString& database);
    static bool isPostgres(const QString& database);
    // The database as logs and errors may show it: a URI without its password.
    static QString displayName(const QString& database);
    // The password FlowChat keeps for the team's database (FLOWCHAT_DATABASE_PASSWORD, in the
    // keychain), set once the configuration is loaded. Used only when neither the URI nor
    // PGPASSWORD gives one; it then wins over ~/.pgpass. Any thread.
    static void setSavedPassword(const QString& password);

    virtual ~StoreDialect() = default;

    // Adds and opens a named connection on the calling thread. A read-only SQLite connection needs
    // the file to exist already (the writer creates it).
    virtual Result<QSqlDatabase> open(const QString& connectionName, Access access, int busyTimeoutMs) const = 0;

    // Expands the tokens portable DDL uses: {{ID}} (auto-assigned integer primary key) and {{BLOB}}.
    virtual QString expandDdl(QString sql) const = 0;

    // Starts the writer's transaction.
    virtual QString beginWrite() const = 0;

    // Migration step 3: full-text search over message text and contact names, and indexing of rows
    // written before it.
    virtual QStringList fullTextSearchSteps() const = 0;

    // Turns what a user typed into this dialect's full-text query: each word matched as a prefix,
    // all words required, accents and case ignored, operators plain text. Empty when nothing
    // searchable remains.
    virtual QString fullTextQuery(const QString& userText) const = 0;

    // The statement that adds one message (id, body) to the full-text index before COMMIT; empty
    // when the database indexes new rows by itself.
    virtual QString indexMessage() const = 0;

    // SELECT returning ids of messages (contacts) whose text (name) matches one bound
    // fullTextQuery().
    virtual QString messageIdsMatching() const = 0;
    virtual QString contactIdsMatching() const = 0;

    // Appended to a SELECT that reads a row of table `alias` in order to change it: several
    // writers (PostgreSQL receivers) then take turns on that row; SQLite has one writer anyway.
    virtual QString lockingRowsOf(const QString& alias) const = 0;

    // A SELECT giving true when this connection holds (or has just taken) the team's outbox lock,
    // which it keeps until it closes; empty when one process owns the database anyway (SQLite).
    virtual QString claimOutboxLock() const = 0;
    // Statements around migrations, so that several processes starting at once on a new shared
    // database (receivers behind a load balancer) migrate it one after the other; empty with SQLite.
    virtual QString holdMigrationLock() const = 0;
    virtual QString releaseMigrationLock() const = 0;

    // A SELECT giving true when any process holds the team's outbox lock (a sender is running);
    // empty with SQLite.
    virtual QString outboxLockHeld() const = 0;

    // The channel on which every transaction announces what it changed to the other processes
    // on the database (NOTIFY, delivered at commit); empty when no other process shares it.
    virtual QString changesChannel() const = 0;
    // The statement that announces one bound payload on changesChannel().
    virtual QString announceChanges() const = 0;

    // A sub-SELECT of the ids in one bound value made by idList().
    virtual QString idsIn() const = 0;
    virtual QVariant idList(const QList<qint64>& ids) const = 0;

protected:
    // Splits what a user typed into searchable words (at least one letter or digit each).
    static QStringList searchWords(const QString& userText);
    // "1,2,3"
    static QString commaSeparated(const QList<qint64>& ids);
};
