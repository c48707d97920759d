#pragma once

#include "app/doctor/DatabaseDoctor.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStringList>

// One DatabaseDoctor run to its end: its lines, whether all passed, and how long it took.
struct DoctorRun
{
    QStringList lines;
    bool finished = false;
    bool allPassed = false;
    qint64 elapsedMs = 0;

    static DoctorRun of(const QString& database, int timeoutMs = 15000)
    {
        DoctorRun run;
        DatabaseDoctor doctor(database);
        QObject::connect(&doctor, &DatabaseDoctor::line, &doctor, [&run](const QString& line) { run.lines << line; });
        QSignalSpy finished(&doctor, &DatabaseDoctor::finished);
        QElapsedTimer clock;
        clock.start();
        doctor.run();
        run.finished = !finished.isEmpty() || finished.wait(timeoutMs);
        run.elapsedMs = clock.elapsed();
        run.allPassed = run.finished && finished.first().first().toBool();
        return run;
    }

    QString text() const
    {
        return lines.join(QLatin1Char('\n'));
    }
    // The line starting with `prefix` ("FAIL  Sender"), or empty.
    QString line(const QString& prefix) const
    {
        for (const QString& line : lines) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        return {};
    }
};
