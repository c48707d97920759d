#pragma once

#include "providers/Result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlError>
#include <QString>
#include <QStringList>
#include <QVariant>

// Small conversions shared by the writer and the readers.
namespace StoreSql
{

// A database failure: retryable, because nothing about the input was wrong.
Error sqlError(const QString& what, const QSqlError& error);
Error notFound(const QString& what, qint64 id);
Error invalidState(const QString& message);

// For values compared with `=` or stored in NOT NULL columns: a null QString binds as NULL.
QString nonNull(const QString& text);
// Empty text is stored as NULL.
QVariant nullable(const QString& text);
QVariant nullableTime(qint64 ms);
QVariant json(const QJsonObject& object); // NULL when empty
QVariant json(const QStringList& list); // NULL when empty

QJsonObject objectFrom(const QVariant& column);
QStringList listFrom(const QVariant& column);

} // namespace StoreSql
