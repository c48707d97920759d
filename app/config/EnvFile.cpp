#include "app/config/EnvFile.h"

#include <QFile>

namespace
{

bool isBlank(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t');
}

// The rest of a line after a closing quote may only be blanks or a comment.
bool isEmptyOrComment(QStringView tail)
{
    const QStringView trimmed = tail.trimmed();
    return trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#'));
}

} // namespace

EnvFile EnvFile::parse(const QString& text)
{
    EnvFile file;
    QStringView rest(text);
    if (rest.startsWith(QChar(0xFEFF))) {
        rest = rest.mid(1);
    }
    int number = 0;
    while (!rest.isNull()) {
        ++number;
        const qsizetype newline = rest.indexOf(QLatin1Char('\n'));
        QStringView line = newline < 0 ? rest : rest.left(newline);
        rest = newline < 0 ? QStringView() : rest.mid(newline + 1);
        if (line.endsWith(QLatin1Char('\r'))) {
            line.chop(1);
        }
        file.parseLine(line, number);
    }
    return file;
}

Result<EnvFile> EnvFile::read(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Error error;
        error.kind = Error::Kind::Configuration;
        error.code = QStringLiteral("config.file");
        error.field = QStringLiteral("--env-file");
        error.message = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return Unexpected(error);
    }
    return parse(QString::fromUtf8(file.readAll()));
}

bool EnvFile::isValidKey(QStringView key)
{
    if (key.isEmpty() || key.front().isDigit()) {
        return false;
    }
    for (const QChar c : key) {
        const bool ok = (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
                        || (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
                        || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_');
        if (!ok) {
            return false;
        }
    }
    return true;
}

void EnvFile::parseLine(QStringView line, int number)
{
    QStringView rest = line.trimmed();
    if (rest.isEmpty() || rest.startsWith(QLatin1Char('#'))) {
        return;
    }
    if (rest.startsWith(QLatin1String("export")) && rest.size() > 6 && isBlank(rest.at(6))) {
        rest = rest.mid(7).trimmed();
    }
    const qsizetype equals = rest.indexOf(QLatin1Char('='));
    if (equals < 0) {
        m_problems.append({number, QStringLiteral("expected KEY=VALUE")});
        return;
    }
    const QStringView key = rest.left(equals).trimmed();
    if (!isValidKey(key)) {
        // The text before '=' may be a pasted secret, so it is not repeated.
        m_problems.append(
            {number,
             QStringLiteral("the name before = must use only letters, digits and _, and not start with a digit")});
        return;
    }
    const QString keyName = key.toString();
    const QStringView raw = rest.mid(equals + 1);
    qsizetype start = 0;
    while (start < raw.size() && isBlank(raw.at(start))) {
        ++start;
    }
    const QStringView valueText = raw.mid(start);

    QString value;
    if (valueText.startsWith(QLatin1Char('\''))) {
        const qsizetype close = valueText.indexOf(QLatin1Char('\''), 1);
        if (close < 0) {
            m_problems.append({number, keyName + QStringLiteral(": the single quote is not closed")});
            return;
        }
        if (!isEmptyOrComment(valueText.mid(close + 1))) {
            m_problems.append({number, keyName + QStringLiteral(": unexpected text after the closing quote")});
            return;
        }
        value = valueText.mid(1, close - 1).toString();
    } else if (valueText.startsWith(QLatin1Char('"'))) {
        qsizetype i = 1;
        bool closed = false;
        for (; i < valueText.size(); ++i) {
            const QChar c = valueText.at(i);
            if (c == QLatin1Char('"')) {
                closed = true;
                break;
            }
            if (c == QLatin1Char('\\') && i + 1 < valueText.size()) {
                const QChar next = valueText.at(++i);
                if (next == QLatin1Char('n')) {
                    value += QLatin1Char('\n');
                } else if (next == QLatin1Char('t')) {
                    value += QLatin1Char('\t');
                } else if (next == QLatin1Char('r')) {
                    value += QLatin1Char('\r');
                } else if (next == QLatin1Char('"') || next == QLatin1Char('\\')) {
                    value += next;
                } else {
                    // Unknown escapes stay as written, so Windows paths survive.
                    value += QLatin1Char('\\');
                    value += next;
                }
                continue;
            }
            value += c;
        }
        if (!closed) {
            m_problems.append({number, keyName + QStringLiteral(": the double quote is not closed")});
            return;
        }
        if (!isEmptyOrComment(valueText.mid(i + 1))) {
            m_problems.append({number, keyName + QStringLiteral(": unexpected text after the closing quote")});
            return;
        }
    } else {
        // A comment starts at a '#' that follows a blank; "a#b" keeps its '#'.
        qsizetype end = raw.size();
        for (qsizetype i = 1; i < raw.size(); ++i) {
            if (raw.at(i) == QLatin1Char('#') && isBlank(raw.at(i - 1))) {
                end = i;
                break;
            }
        }
        value = raw.left(end).trimmed().toString();
    }
    m_entries.append({keyName, value, number});
}

const QList<EnvFile::Entry>& EnvFile::entries() const
{
    return m_entries;
}

const QList<EnvFile::Problem>& EnvFile::problems() const
{
    return m_problems;
}

bool EnvFile::contains(const QString& key) const
{
    for (const Entry& entry : m_entries) {
        if (entry.key == key) {
            return true;
        }
    }
    return false;
}

QString EnvFile::value(const QString& key) const
{
    for (auto it = m_entries.crbegin(); it != m_entries.crend(); ++it) {
        if (it->key == key) {
            return it->value;
        }
    }
    return QString();
}

QStringList EnvFile::keys() const
{
    QStringList keys;
    for (const Entry& entry : m_entries) {
        if (!keys.contains(entry.key)) {
            keys.append(entry.key);
        }
    }
    return keys;
}
