#include "app/doctor/DoctorChecks.h"

int DoctorChecks::failures() const
{
    return m_failures;
}

void DoctorChecks::pass(const QString& text)
{
    emit line(QStringLiteral("PASS  ") + text);
    emit checked(true, text);
}

void DoctorChecks::fail(const QString& text)
{
    ++m_failures;
    emit line(QStringLiteral("FAIL  ") + text);
    emit checked(false, text);
}

void DoctorChecks::note(const QString& text)
{
    emit line(QStringLiteral("      ") + text);
    emit noted(text);
}
