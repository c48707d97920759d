// The console speaks the system's language: Brazilian Portuguese and Spanish are embedded, other
// languages fall back to English, and Qt's own buttons follow along. The .ts files are complete.
#include "ui/AboutDialog.h"
#include "ui/Translations.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QProcess>
#include <QTest>
#include <QXmlStreamReader>

#include <cstdio>

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void followsTheLocale_data();
    void followsTheLocale();
    void systemLocaleComesFromTheEnvironment_data();
    void systemLocaleComesFromTheEnvironment();
    void qtButtonsFollowTheLocale();
    void replacesTheEarlierLanguage();
    void everyStringIsTranslated_data();
    void everyStringIsTranslated();
};

void TestTranslations::cleanup()
{
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestTranslations::followsTheLocale_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<bool>("ours");
    QTest::addColumn<QString>("searchAction");
    QTest::addColumn<QString>("aboutTitle");
    QTest::newRow("Brazilian Portuguese") << QStringLiteral("pt_BR") << true << QStringLiteral("Pesquisar conversas")
                                          << QStringLiteral("Sobre o FlowChat");
    QTest::newRow("Spanish") << QStringLiteral("es_ES") << true << QStringLiteral("Buscar conversaciones")
                             << QStringLiteral("Acerca de FlowChat");
    QTest::newRow("Mexican Spanish falls back to Spanish")
        << QStringLiteral("es_MX") << true << QStringLiteral("Buscar conversaciones")
        << QStringLiteral("Acerca de FlowChat");
    QTest::newRow("English is the source") << QStringLiteral("en_GB") << false << QStringLiteral("Search conversations")
                                           << QStringLiteral("About FlowChat");
    QTest::newRow("German falls back to English")
        << QStringLiteral("de_DE") << false << QStringLiteral("Search conversations")
        << QStringLiteral("About FlowChat");
}

void TestTranslations::followsTheLocale()
{
    QFETCH(QString, locale);
    QFETCH(bool, ours);
    QFETCH(QString, searchAction);
    QFETCH(QString, aboutTitle);

    QCOMPARE(Translations::install(QLocale(locale)).flowchat, ours);
    QCOMPARE(QCoreApplication::translate("MainWindow", "Search conversations"), searchAction);
    // A real widget built after the switch.
    AboutDialog dialog;
    QCOMPARE(dialog.windowTitle(), aboutTitle);
}

// main() calls install(QLocale::system()), which Qt reads from the environment once at start-up:
// so each case runs this executable again as a child with the variables a user would set.
void TestTranslations::systemLocaleComesFromTheEnvironment_data()
{
    QTest::addColumn<QStringList>("variables");
    QTest::addColumn<QString>("expected");
    QTest::newRow("LANG") << QStringList{QStringLiteral("LANG=pt_BR.UTF-8")} << QStringLiteral("Pesquisar conversas");
    QTest::newRow("LC_ALL wins over LANG")
        << QStringList{QStringLiteral("LANG=pt_BR.UTF-8"), QStringLiteral("LC_ALL=es_AR.UTF-8")}
        << QStringLiteral("Buscar conversaciones");
    QTest::newRow("LANGUAGE picks the interface language")
        << QStringList{QStringLiteral("LANG=de_DE.UTF-8"), QStringLiteral("LANGUAGE=es")}
        << QStringLiteral("Buscar conversaciones");
    QTest::newRow("C locale stays English")
        << QStringList{QStringLiteral("LANG=C.UTF-8")} << QStringLiteral("Search conversations");
}

void TestTranslations::systemLocaleComesFromTheEnvironment()
{
    QFETCH(QStringList, variables);
    QFETCH(QString, expected);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"}) {
        environment.remove(QString::fromLatin1(name));
    }
    for (const QString& variable : variables) {
        environment.insert(variable.section(QLatin1Char('='), 0, 0), variable.section(QLatin1Char('='), 1));
    }
    environment.insert(QStringLiteral("FLOWCHAT_TRANSLATIONS_CHILD"), QStringLiteral("1"));
    QProcess child;
    child.setProcessEnvironment(environment);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForFinished(30000));
    QCOMPARE(child.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(child.readAllStandardOutput()).trimmed(), expected);
}

void TestTranslations::qtButtonsFollowTheLocale()
{
    if (!QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_pt_BR.qm"))) {
        QSKIP("Qt's translations are not installed (qt6-translations-l10n)");
    }
    QVERIFY(Translations::install(QLocale(QStringLiteral("pt_BR"))).qtbase);
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancelar"));
}

void TestTranslations::replacesTheEarlierLanguage()
{
    Translations::install(QLocale(QStringLiteral("pt_BR")));
    Translations::install(QLocale(QStringLiteral("es")));
    QCOMPARE(QCoreApplication::translate("AboutDialog", "About FlowChat"), QStringLiteral("Acerca de FlowChat"));
    Translations::install(QLocale(QLocale::English));
    QCOMPARE(QCoreApplication::translate("AboutDialog", "About FlowChat"), QStringLiteral("About FlowChat"));
}

void TestTranslations::everyStringIsTranslated_data()
{
    QTest::addColumn<QString>("path");
    const QDir folder(QStringLiteral(FLOWCHAT_TRANSLATIONS_DIR));
    const QStringList files = folder.entryList({QStringLiteral("flowchat_*.ts")}, QDir::Files);
    QVERIFY(files.contains(QStringLiteral("flowchat_pt_BR.ts")));
    QVERIFY(files.contains(QStringLiteral("flowchat_es.ts")));
    for (const QString& file : files) {
        QTest::newRow(qPrintable(file)) << folder.filePath(file);
    }
}

void TestTranslations::everyStringIsTranslated()
{
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QStringList untranslated;
    QString context;
    QString source;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement) {
            continue;
        }
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            // Plural forms sit in <numerusform> children; any text at all counts as translated.
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
            const bool gone = type == QLatin1String("vanished") || type == QLatin1String("obsolete");
            if (!gone && (type == QLatin1String("unfinished") || text.isEmpty())) {
                untranslated.append(context + QStringLiteral(": ") + source);
            }
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(untranslated.isEmpty(),
             qPrintable(QStringLiteral("%1 untranslated (run the update_translations target, then translate):\n")
                            .arg(untranslated.size())
                        + untranslated.join(QLatin1Char('\n'))));
}

// The child of systemLocaleComesFromTheEnvironment: starts like flowchat's main() and prints one
// translated string.
int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsSet("FLOWCHAT_TRANSLATIONS_CHILD")) {
        QApplication app(argc, argv);
        Translations::install(QLocale::system());
        std::fputs(qPrintable(QCoreApplication::translate("MainWindow", "Search conversations") + QLatin1Char('\n')),
                   stdout);
        return 0;
    }
    QApplication app(argc, argv);
    TestTranslations test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "TestTranslations.moc"
