#include "providers/FormEncoding.h"

#include <QStringList>
#include <QUrl>

namespace Form
{

QByteArray encode(const Fields& fields)
{
    QByteArray out;
    for (const auto& [key, value] : fields) {
        if (!out.isEmpty()) {
            out += '&';
        }
        out += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

Fields decode(const QByteArray& body)
{
    Fields fields;
    const QList<QByteArray> pairs = body.split('&');
    for (QByteArray pair : pairs) {
        if (pair.isEmpty()) {
            continue;
        }
        pair.replace('+', ' ');
        const qsizetype eq = pair.indexOf('=');
        const QByteArray key = eq < 0 ? pair : pair.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        fields.append({QUrl::fromPercentEncoding(key), QUrl::fromPercentEncoding(value)});
    }
    return fields;
}

QString value(const Fields& fields, const QString& key)
{
    for (const auto& [k, v] : fields) {
        if (k == key) {
            return v;
        }
    }
    return {};
}

QStringList values(const Fields& fields, const QString& key)
{
    QStringList out;
    for (const auto& [k, v] : fields) {
        if (k == key) {
            out.append(v);
        }
    }
    return out;
}

} // namespace Form
