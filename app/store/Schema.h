#pragma once

#include "app/store/StoreDialect.h"
#include "app/store/StoreTypes.h"
#include "providers/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

// The numbered migrations. Step N takes the schema from version N-1 to N; each step runs in its
// own transaction and records itself in schema_version. Never edit a released step: add one.
namespace Schema
{

struct Migration
{
    int version = 0;
    QString name;
    QStringList statements; // already expanded for the dialect
};

QList<Migration> migrations(const StoreDialect& dialect);
int latestVersion();

// 0 for an empty database.
Result<int> currentVersion(QSqlDatabase& db);

// Applies the missing steps up to `targetVersion` (-1: the latest). Refuses a database written by
// a newer FlowChat. Tests pass a lower target to build the databases of earlier releases.
Result<OpenReport> migrate(QSqlDatabase& db, const StoreDialect& dialect, qint64 nowMs, int targetVersion = -1);

} // namespace Schema
