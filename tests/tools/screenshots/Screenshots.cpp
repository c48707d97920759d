// flowchat-screenshots DATABASE OUTPUT_DIR [--team-only]: seeds a showcase sandbox database, opens
// the real console on it (sandbox provider, as `flowchat` would), and saves PNGs of the main
// window, the template bench, the status timeline, the dashboard and the dark theme; then two
// agents' consoles on a team's PostgreSQL (TeamScene; skipped when no PostgreSQL answers on the
// PG* variables). --team-only takes that one picture alone. Run it under a real X server
// (scripts/screenshots.sh uses xvfb-run and pg_virtualenv).
#include "app/config/Config.h"
#include "app/config/SecretStore.h"
#include "app/headless/ServiceThread.h"
#include "app/service/ServiceClient.h"
#include "tests/tools/screenshots/ShowcaseSeed.h"
#include "tests/tools/screenshots/TeamScene.h"
#include "ui/Appearance.h"
#include "ui/MainWindow.h"
#include "ui/composer/Composer.h"
#include "ui/conversations/ConversationListModel.h"
#include "ui/conversations/ConversationListPanel.h"
#include "ui/logs/LogsDock.h"
#include "ui/logs/RequestInspector.h"
#include "ui/settings/DatabaseSettings.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/templates/TemplateBench.h"
#include "ui/thread/ThreadModel.h"
#include "ui/timeline/MessageMenu.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTimer>

#include <cstdio>
#include <functional>

namespace
{

// Lets the event loop run until `done` holds (or the deadline passes): paints, webhooks, syncs.
bool settle(const std::function<bool()>& done, int ms = 8000)
{
    const QDeadlineTimer deadline(ms);
    while (!done() && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return done();
}

void pause(int ms)
{
    const QDeadlineTimer deadline(ms);
    settle([&deadline] { return deadline.hasExpired(); }, ms + 100);
}

bool save(QWidget* widget, const QString& path)
{
    widget->raise();
    widget->activateWindow();
    pause(400); // let the window manager map it and the last paint land
    const QPixmap shot = widget->window()->grab();
    const bool ok = shot.save(path);
    std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "could not write", qPrintable(path));
    return ok;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// Two agents in one conversation on a team database; only a missing PostgreSQL is not a failure.
bool saveTeamScene(const QDir& out)
{
    QString message;
    const TeamScene::Outcome outcome = TeamScene::shoot(out.filePath(QStringLiteral("team-mode.png")), &message);
    switch (outcome) {
    case TeamScene::Outcome::Written:
        std::fprintf(stderr, "%s\n", qPrintable(message));
        return true;
    case TeamScene::Outcome::Skipped:
        std::fprintf(stderr, "skipped team-mode.png: %s\n", qPrintable(message));
        return true;
    case TeamScene::Outcome::Failed:
        break;
    }
    std::fprintf(stderr, "could not take team-mode.png: %s\n", qPrintable(message));
    return false;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("FlowChatScreenshots"));
    QCoreApplication::setApplicationName(QStringLiteral("flowchat-screenshots"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/flowchat.svg")));
    const QStringList args = QCoreApplication::arguments();
    const bool teamOnly = args.size() == 4 && args.at(3) == QLatin1String("--team-only");
    if (args.size() != 3 && !teamOnly) {
        std::fprintf(stderr, "usage: flowchat-screenshots DATABASE OUTPUT_DIR [--team-only]\n");
        return 2;
    }
    const QString database = args.at(1);
    const QDir out(args.at(2));
    if (teamOnly) {
        return saveTeamScene(out) ? 0 : 1;
    }
    if (const QString problem = ShowcaseSeed::write(database); !problem.isEmpty()) {
        std::fprintf(stderr, "seeding failed: %s\n", qPrintable(problem));
        return 1;
    }

    Config config;
    const Config::Origin origin{Config::Source::SavedSettings, QString()}; // editable in Settings
    config.set(ConfigKey::Provider, QStringLiteral("sandbox"), origin);
    config.set(ConfigKey::Database, database, origin);
    config.set(ConfigKey::Listen, QStringLiteral("127.0.0.1:%1").arg(freePort()), origin);
    config.set(ConfigKey::MediaCache, QFileInfo(database).absolutePath() + QStringLiteral("/media"), origin);
    config.set(ConfigKey::PublicUrl, QStringLiteral("https://support.example.com"), origin);

    MainWindow window(config);
    window.resize(1320, 800);
    window.show();
    ServiceThread host(config);
    std::unique_ptr<ServiceClient> client;
    bool started = false;
    QObject::connect(&host, &ServiceThread::started, &window, [&] {
        client = std::make_unique<ServiceClient>(host.service());
        window.attachService(client.get());
        started = true;
    });
    host.start();
    if (!settle([&] { return started; })) {
        std::fprintf(stderr, "the service did not start\n");
        return 1;
    }
    // The showcase conversation is the newest one.
    ConversationListPanel* list = window.conversations();
    settle([&] { return list->model()->rowCount() > 5; });
    list->selectConversation(list->model()->index(0).data(ConversationListModel::IdRole).toLongLong());
    settle([&] { return window.threadModel()->rowCount() >= 9; });
    // An agent halfway through answering the customer's last message.
    ThreadModel* shown = window.threadModel();
    for (int row = shown->rowCount() - 1; row >= 0; --row) {
        if (shown->index(row).data(ThreadModel::DirectionRole).toInt() == int(MessageDirection::Inbound)) {
            window.findChild<MessageMenu*>()->reply(shown->index(row));
            break;
        }
    }
    window.composer()->editor()->setPlainText(
        QStringLiteral("Yes — I've asked the courier to call you before delivery."));
    pause(1500); // the provider check and template sync finish, the status bar settles
    bool ok = save(&window, out.filePath(QStringLiteral("main-window.png")));

    // A read message of the showcase thread for the timeline.
    qint64 readId = 0;
    ThreadModel* thread = window.threadModel();
    for (int row = 0; row < thread->rowCount() && !readId; ++row) {
        if (thread->index(row).data(ThreadModel::StatusRole).value<MessageStatus>() == MessageStatus::Read) {
            readId = thread->index(row).data(ThreadModel::IdRole).toLongLong();
        }
    }
    window.showStatusTimeline(readId);
    ok = save(&window, out.filePath(QStringLiteral("status-timeline.png"))) && ok;
    QMetaObject::invokeMethod(&window, [&window] {
        if (auto* dock = window.findChild<QWidget*>(QStringLiteral("statusTimelineDock"))) {
            dock->hide();
        }
    });

    window.findChild<QAction*>(QStringLiteral("actionTemplateBench"))->trigger();
    auto* bench = window.findChild<TemplateBench*>(QStringLiteral("templateBench"));
    if (bench && bench->selectTemplate(QStringLiteral("order_update"), QStringLiteral("en_US"))) {
        bench->parameterField(QStringLiteral("1"))->setText(QStringLiteral("Ana"));
        bench->parameterField(QStringLiteral("2"))->setText(QStringLiteral("#4471"));
        ok = save(bench, out.filePath(QStringLiteral("template-bench.png"))) && ok;
        bench->close();
    }

    window.findChild<QAction*>(QStringLiteral("actionDashboard"))->trigger();
    if (auto* dashboard = window.findChild<QWidget*>(QStringLiteral("dashboard"))) {
        ok = save(dashboard, out.filePath(QStringLiteral("dashboard.png"))) && ok;
        dashboard->close();
    }
    // Settings on the showcase's configuration; secrets go to a private file in the temporary folder.
    SecretStore secrets(QFileInfo(database).absolutePath() + QStringLiteral("/secrets.json"));
    secrets.setKeychainEnabled(false);
    secrets.load();
    window.setSecretStore(&secrets);
    window.findChild<QAction*>(QStringLiteral("actionSettings"))->trigger();
    if (auto* settings = window.findChild<SettingsDialog*>(QStringLiteral("settingsDialog"))) {
        settings->providerBox()->setCurrentIndex(settings->providerBox()->findData(QStringLiteral("direct")));
        // The guide's send-URL form, and a phone number ID that disagrees with it: the error shows.
        settings->field(ConfigKey::WhatsAppApiUrl)
            ->setText(QStringLiteral("https://graph.facebook.com/v18.0/106540352242922/messages"));
        settings->field(ConfigKey::WhatsAppApiToken)->setText(QStringLiteral("EAAGm0PX4ZCpsBAO"));
        settings->field(ConfigKey::WhatsAppPhoneNumberId)->setText(QStringLiteral("106540352242923"));
        settings->field(ConfigKey::WhatsAppBusinessAccountId)->setText(QStringLiteral("102290129340398"));
        ok = save(settings, out.filePath(QStringLiteral("settings.png"))) && ok;
        // The message history moved to a team's PostgreSQL, tested (against the server libpq's
        // environment names, when there is one: run under pg_virtualenv).
        settings->findChild<QLineEdit*>(QStringLiteral("settingsDatabaseHost"))
            ->setText(qEnvironmentVariable("PGHOST", QStringLiteral("db.example.com")));
        settings->findChild<QSpinBox*>(QStringLiteral("settingsDatabasePort"))
            ->setValue(qEnvironmentVariableIntValue("PGPORT") > 0 ? qEnvironmentVariableIntValue("PGPORT") : 5432);
        settings->findChild<QLineEdit*>(QStringLiteral("settingsDatabaseName"))->setText(QStringLiteral("postgres"));
        settings->findChild<QLineEdit*>(QStringLiteral("settingsDatabaseUser"))
            ->setText(qEnvironmentVariable("PGUSER", QStringLiteral("ana")));
        // Chosen last: the choice writes the URI the parts make.
        settings->findChild<QComboBox*>(QStringLiteral("settingsHistoryKind"))->setCurrentIndex(1);
        settings->field(ConfigKey::Agent)->setText(QStringLiteral("Ana Souza"));
        settings->databaseSettings()->testConnection();
        QElapsedTimer waited;
        waited.start();
        while (settings->findChild<QPushButton*>(QStringLiteral("settingsTestDatabase"))->isEnabled() == false
               && waited.elapsed() < 10000) {
            pause(100);
        }
        if (auto* scroll = settings->findChild<QScrollArea*>()) {
            scroll->ensureWidgetVisible(settings->databaseSettings()->result());
        }
        ok = save(settings, out.filePath(QStringLiteral("settings-team.png"))) && ok;
        settings->close();
    }

    // The logs dock on its provider requests: the template sync and the health probe are there.
    window.findChild<QAction*>(QStringLiteral("actionLogs"))->trigger();
    if (auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("logTabs"))) {
        tabs->setCurrentIndex(tabs->count() - 1);
        auto* inspector = window.logsDock()->requestInspector();
        inspector->table()->selectRow(0);
        window.findChild<QDockWidget*>(QStringLiteral("logsDock"))->resize(1320, 380);
        ok = save(&window, out.filePath(QStringLiteral("request-inspector.png"))) && ok;
    }
    window.findChild<QAction*>(QStringLiteral("actionLogs"))->trigger();

    window.findChild<QAction*>(QStringLiteral("actionThemeDark"))->trigger();
    ok = save(&window, out.filePath(QStringLiteral("main-window-dark.png"))) && ok;
    Appearance::apply(Appearance::Theme::System);

    bool stopped = false;
    client->detach();
    host.stop(5000, [&stopped] { stopped = true; });
    settle([&] { return stopped; });
    ok = saveTeamScene(out) && ok;
    return ok ? 0 : 1;
}
