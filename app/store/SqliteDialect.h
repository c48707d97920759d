#pragma once

#include "providers/Result.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

// Everything SQLite-specific lives here: driver, connect options, pragmas, the DDL tokens for
// auto ids and blobs, and full-text search (FTS5). The rest of app/store writes portable SQL, so
// a PostgreSQL dialect can later replace this file.
namespace SqliteDialect
{

enum class Access
{
    ReadWrite,
    ReadOnly,
};

// Adds and opens a named QSQLITE connection on the calling thread, then sets the pragmas.
// A read-only connection needs the file to exist already (the writer creates it).
Result<QSqlDatabase> open(const QString& connectionName, const QString& path, Access access, int busyTimeoutMs);

// Expands the tokens portable DDL uses: {{ID}} (auto-assigned integer primary key) and {{BLOB}}.
QString expandDdl(QString sql);

// Starts the writer's transaction, taking the write lock at once so a busy database is reported
// at BEGIN rather than half-way through a batch.
QString beginWrite();

// Migration step: FTS5 tables over message text and contact names, and a rebuild so rows written
// before this step are indexed too.
QStringList fullTextSearchSteps();

// Turns what a user typed into an FTS5 query: each word quoted (so operators and quotes are
// plain text) and matched as a prefix, all words required. Empty when nothing searchable remains.
QString fullTextQuery(const QString& userText);

// Adds one message (id, body) to the full-text index. Messages are never updated or deleted;
// a change that does must keep the index in step.
QString indexMessage();

// SELECT returning ids of messages whose text matches one bound value (a fullTextQuery()).
QString messageIdsMatching();
// SELECT returning ids of contacts whose name matches one bound value (a fullTextQuery()).
QString contactIdsMatching();

} // namespace SqliteDialect
