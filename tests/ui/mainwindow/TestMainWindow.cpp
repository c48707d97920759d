#include "app/config/Config.h"
#include "tests/support/ConfigSupport.h"
#include "ui/Appearance.h"
#include "ui/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void showsTheSetup_data();
    void showsTheSetup();
    void listsEveryProblem();
    void ctrlQQuits();
    void themeSwitchesAndIsRemembered();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestMainWindow::showsTheSetup_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<bool>("banner");
    QTest::addColumn<QString>("shownProvider");
    QTest::newRow("sandbox") << QStringLiteral("sandbox") << true << QStringLiteral("Sandbox (built-in emulator)");
    QTest::newRow("twilio") << QStringLiteral("twilio") << false << QStringLiteral("Twilio");
    QTest::newRow("meta alias") << QStringLiteral("meta") << false
                                << QStringLiteral("Meta WhatsApp Cloud API (direct)");
    QTest::newRow("unknown is not called sandbox")
        << QStringLiteral("carrier-pigeon") << false << QStringLiteral("not recognised (see the problems below)");
}

void TestMainWindow::showsTheSetup()
{
    QFETCH(QString, provider);
    QFETCH(bool, banner);
    QFETCH(QString, shownProvider);

    const Config config = ConfigSupport::with({{ConfigKey::Provider, provider},
                                               {ConfigKey::Database, QStringLiteral("/srv/<chat>/flowchat.sqlite")},
                                               {ConfigKey::Listen, QStringLiteral("127.0.0.1:9123")}});
    MainWindow window(config);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), QStringLiteral("FlowChat"));

    auto* sandboxBanner = window.findChild<QLabel*>(QStringLiteral("sandboxBanner"));
    QCOMPARE(sandboxBanner != nullptr && sandboxBanner->isVisible(), banner);
    if (banner) {
        QVERIFY(sandboxBanner->text().startsWith(QStringLiteral("Sandbox mode: nothing reaches WhatsApp")));
    }
    QCOMPARE(window.findChild<QLabel*>(QStringLiteral("providerValue"))->text(), shownProvider);
    auto* database = window.findChild<QLabel*>(QStringLiteral("databaseValue"));
    QCOMPARE(database->text(), QStringLiteral("/srv/<chat>/flowchat.sqlite"));
    QCOMPARE(database->textFormat(), Qt::PlainText);
    QCOMPARE(window.findChild<QLabel*>(QStringLiteral("listenValue"))->text(), QStringLiteral("127.0.0.1:9123"));
}

void TestMainWindow::listsEveryProblem()
{
    const Config clean;
    MainWindow fine(clean);
    QVERIFY(fine.findChild<QLabel*>(QStringLiteral("noProblems")));
    QVERIFY(!fine.findChild<QListWidget*>(QStringLiteral("problemList")));

    const Config broken = ConfigSupport::with(
        {{ConfigKey::Provider, QStringLiteral("direct")}, {ConfigKey::SendRate, QStringLiteral("fast")}});
    MainWindow window(broken);
    auto* list = window.findChild<QListWidget*>(QStringLiteral("problemList"));
    QVERIFY(list);
    // Rate, token and phone number id are errors; the business account and app secret are warnings.
    QCOMPARE(list->count(), broken.validate().size() + broken.warnings().size());
    QCOMPARE(list->count(), 5);
    QVERIFY(list->item(0)->text().startsWith(QStringLiteral("FLOWCHAT_SEND_RATE must be")));
}

void TestMainWindow::ctrlQQuits()
{
    MainWindow window(Config{});
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto* quit = window.findChild<QAction*>(QStringLiteral("actionQuit"));
    QVERIFY(quit);
    QCOMPARE(quit->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Q));
    QSignalSpy triggered(quit, &QAction::triggered);

    // The event loop ends with 0 only if Ctrl+Q reached QApplication::quit; the fallback fails it.
    QTimer::singleShot(0, &window, [&window] { QTest::keyClick(&window, Qt::Key_Q, Qt::ControlModifier); });
    QTimer::singleShot(10000, &window, [] { QCoreApplication::exit(1); });
    QCOMPARE(QCoreApplication::exec(), 0);
    QCOMPARE(triggered.size(), 1);
}

void TestMainWindow::themeSwitchesAndIsRemembered()
{
    MainWindow window(Config{});
    auto* dark = window.findChild<QAction*>(QStringLiteral("actionThemeDark"));
    auto* light = window.findChild<QAction*>(QStringLiteral("actionThemeLight"));
    auto* system = window.findChild<QAction*>(QStringLiteral("actionThemeSystem"));
    QVERIFY(dark && light && system);
    const QPalette platform = QApplication::palette();

    dark->trigger();
    QVERIFY(Appearance::isDark(QApplication::palette()));
    QCOMPARE(Appearance::savedTheme(), Appearance::Theme::Dark);
    QTRY_VERIFY(Appearance::isDark(window.palette()));
    // A new window (next start) shows the choice ticked.
    MainWindow next(Config{});
    QVERIFY(next.findChild<QAction*>(QStringLiteral("actionThemeDark"))->isChecked());

    light->trigger();
    QVERIFY(!Appearance::isDark(QApplication::palette()));
    system->trigger();
    QCOMPARE(QApplication::palette().color(QPalette::Window), platform.color(QPalette::Window));
    QCOMPARE(Appearance::savedTheme(), Appearance::Theme::System);
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
