#pragma once

#include <QString>

// Folder of checked-in test data (tests/), passed by CTest through FLOWCHAT_TEST_DATA.
inline QString testDataPath(const QString& relative)
{
    return qEnvironmentVariable("FLOWCHAT_TEST_DATA", QStringLiteral(FLOWCHAT_TEST_DATA_DEFAULT)) + QLatin1Char('/')
           + relative;
}
