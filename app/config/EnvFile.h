#pragma once

#include "providers/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

// A parsed .env file: `KEY=value` lines, `#` comments, an optional `export ` prefix, 'literal' and
// "escaped" values. No variable expansion and no multi-line values. A malformed line is reported
// by its number and never by its content: it may hold a secret.
class EnvFile
{
public:
    struct Entry
    {
        QString key;
        QString value;
        int line = 0;
    };

    struct Problem
    {
        int line = 0;
        QString reason; // names at most the key, never the value
    };

    static EnvFile parse(const QString& text);
    // Reads and parses a file; an unreadable file is an Error of kind Configuration.
    static Result<EnvFile> read(const QString& path);

    static bool isValidKey(QStringView key);

    const QList<Entry>& entries() const;
    const QList<Problem>& problems() const;
    bool contains(const QString& key) const;
    QString value(const QString& key) const; // the last assignment wins, as in a shell
    QStringList keys() const; // each key once, in file order

private:
    void parseLine(QStringView line, int number);

    QList<Entry> m_entries;
    QList<Problem> m_problems;
};
