#pragma once

#include <QLocale>
#include <QRegularExpression>
#include <QString>
#include <QTime>

namespace TimeFormat
{

// A chat shows the time of day to the minute, in the user's locale ("18:06", "6:06 PM"). Some
// locales' short format (C, the offscreen default) carries seconds: they are dropped.
inline QString clock(const QTime& time)
{
    static const QString format = [] {
        QString pattern = QLocale().timeFormat(QLocale::ShortFormat);
        pattern.remove(QRegularExpression(QStringLiteral("[:.]ss?")));
        return pattern;
    }();
    return QLocale().toString(time, format);
}

} // namespace TimeFormat
