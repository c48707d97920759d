#pragma once

#include <QString>
#include <QTest>

// The client-library fidelity tests need node and the npm packages scripts/test.sh installs. Run
// alone, a missing one skips the test; under scripts/test.sh (FLOWCHAT_REQUIRE_CLIENT_LIBRARIES=1)
// it means the set-up broke, so the test fails instead of passing by skipping.
inline bool clientLibrariesRequired()
{
    return qEnvironmentVariableIntValue("FLOWCHAT_REQUIRE_CLIENT_LIBRARIES") == 1;
}

// Where scripts/test.sh ran `npm ci`; FLOWCHAT_NODE_DIR in the environment points elsewhere.
inline QString clientLibraryDir()
{
    return qEnvironmentVariable("FLOWCHAT_NODE_DIR", QStringLiteral(FLOWCHAT_NODE_DIR));
}

#define FLOWCHAT_SKIP_WITHOUT_CLIENT_LIBRARY(reason)                                                                   \
    do {                                                                                                               \
        if (clientLibrariesRequired()) {                                                                               \
            QFAIL(reason);                                                                                             \
        }                                                                                                              \
        QSKIP(reason);                                                                                                 \
    } while (false)
