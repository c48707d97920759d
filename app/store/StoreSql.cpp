#include "app/store/StoreSql.h"

#include <QJsonDocument>

namespace StoreSql
{

Error sqlError(const QString& what, const QSqlError& error)
{
    return Error::internal(QStringLiteral("store.sql"), what + QStringLiteral(": ") + error.text());
}

Error notFound(const QString& what, qint64 id)
{
    return Error::notFound(
        QStringLiteral("store.not_found"), QStringLiteral("no %1 with id %2").arg(what).arg(id), QStringLiteral("id"));
}

Error invalidState(const QString& message)
{
    return Error::conflict(QStringLiteral("store.invalid_state"), message, QStringLiteral("status"));
}

QString nonNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

QVariant nullable(const QString& text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QVariant nullableTime(qint64 ms)
{
    return ms > 0 ? QVariant(ms) : QVariant();
}

QVariant json(const QJsonObject& object)
{
    if (object.isEmpty()) {
        return {};
    }
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QVariant json(const QStringList& list)
{
    if (list.isEmpty()) {
        return {};
    }
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QJsonObject objectFrom(const QVariant& column)
{
    if (column.isNull()) {
        return {};
    }
    return QJsonDocument::fromJson(column.toString().toUtf8()).object();
}

QStringList listFrom(const QVariant& column)
{
    QStringList out;
    if (column.isNull()) {
        return out;
    }
    const QJsonArray array = QJsonDocument::fromJson(column.toString().toUtf8()).array();
    for (const QJsonValue& value : array) {
        out << value.toString();
    }
    return out;
}

} // namespace StoreSql
