#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

// application/x-www-form-urlencoded, done by hand because QUrlQuery leaves '+' unencoded and
// does not decode '+' as a space (platform-notes §3).
namespace Form
{

using Fields = QList<QPair<QString, QString>>;

// Percent-encodes every key and value; repeated keys stay repeated pairs.
QByteArray encode(const Fields& fields);
// Decodes '+' as a space and %XX as UTF-8; keeps order and repeated keys.
Fields decode(const QByteArray& body);
QString value(const Fields& fields, const QString& key);
QStringList values(const Fields& fields, const QString& key);

} // namespace Form
