#pragma once

#include <QObject>
#include <QString>

// What every `flowchat doctor` check set reports, in one shape: a PASS or FAIL line per check and
// notes under it (line(), for the terminal), the same as values for a GUI (checked(), noted()),
// and finished() once all ran.
class DoctorChecks : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    int failures() const;

signals:
    void line(const QString& text);
    // The same results for a GUI: one per check, then the details (the fix, in words) under it.
    void checked(bool passed, const QString& text);
    void noted(const QString& text);
    void finished(bool allPassed);

protected:
    void pass(const QString& text);
    void fail(const QString& text);
    void note(const QString& text); // detail under the line before; never a failure

private:
    int m_failures = 0;
};
