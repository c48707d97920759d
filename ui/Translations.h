#pragma once

#include <QLocale>

// Installs the translators for one language into the running application: FlowChat's own
// catalogue (embedded under :/i18n) and Qt's qtbase catalogue from the system, when present.
namespace Translations
{

struct Loaded
{
    bool flowchat = false; // our strings (false for English, the source language)
    bool qtbase = false; // Qt's dialogs and standard buttons
};

// Replaces whatever an earlier call installed, so the language can change while running.
// Call it after the QCoreApplication exists; main() passes QLocale::system().
Loaded install(const QLocale& locale);

} // namespace Translations
