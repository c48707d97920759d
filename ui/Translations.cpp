#include "ui/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace
{

// Marks our translators so a later install() finds and replaces exactly them.
const char* const kTranslatorTag = "flowchatTranslator";

bool installTranslator(const QLocale& locale, const QString& catalogue, const QString& folder)
{
    auto* translator = new QTranslator(QCoreApplication::instance());
    translator->setObjectName(QString::fromLatin1(kTranslatorTag));
    if (!translator->load(locale, catalogue, QStringLiteral("_"), folder)
        || !QCoreApplication::installTranslator(translator)) {
        delete translator;
        return false;
    }
    return true;
}

} // namespace

namespace Translations
{

Loaded install(const QLocale& locale)
{
    QCoreApplication* application = QCoreApplication::instance();
    Q_ASSERT(application);
    const QList<QTranslator*> previous =
        application->findChildren<QTranslator*>(QString::fromLatin1(kTranslatorTag), Qt::FindDirectChildrenOnly);
    for (QTranslator* translator : previous) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }

    Loaded loaded;
    loaded.flowchat = installTranslator(locale, QStringLiteral("flowchat"), QStringLiteral(":/i18n"));
    // Standard buttons and dialogs follow the system language even where FlowChat has no catalogue.
    loaded.qtbase =
        installTranslator(locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    return loaded;
}

} // namespace Translations
