#include "app/store/StoreDialect.h"

#include "app/store/PostgresDialect.h"
#include "app/store/SqliteDialect.h"

#include <QRegularExpression>

#include <algorithm>

std::unique_ptr<StoreDialect> StoreDialect::forDatabase(const QString& database)
{
    if (isPostgres(database)) {
        return std::make_unique<PostgresDialect>(database);
    }
    return std::make_unique<SqliteDialect>(database);
}

bool StoreDialect::isPostgres(const QString& database)
{
    return database.startsWith(QLatin1String("postgresql://")) || database.startsWith(QLatin1String("postgres://"));
}

QString StoreDialect::displayName(const QString& database)
{
    if (!isPostgres(database)) {
        return database;
    }
    // By pattern rather than through QUrl, so a URI QUrl cannot parse loses its password too.
    static const QRegularExpression password(QStringLiteral("^(postgres(?:ql)?://[^:/@?#]*):[^@/?#]*@"));
    return QString(database).replace(password, QStringLiteral("\\1@"));
}

QString StoreDialect::commaSeparated(const QList<qint64>& ids)
{
    QStringList numbers;
    numbers.reserve(ids.size());
    for (const qint64 id : ids) {
        numbers << QString::number(id);
    }
    return numbers.join(QLatin1Char(','));
}

QStringList StoreDialect::searchWords(const QString& userText)
{
    static const QRegularExpression separators(QStringLiteral("[\\s\"]+"));
    QStringList words;
    const QStringList candidates = userText.split(separators, Qt::SkipEmptyParts);
    for (const QString& word : candidates) {
        // Punctuation-only words index to nothing and would make a full-text query fail or match
        // nothing at all.
        if (std::any_of(word.cbegin(), word.cend(), [](QChar c) { return c.isLetterOrNumber(); })) {
            words << word;
        }
    }
    return words;
}
