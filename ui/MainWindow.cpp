#include "ui/MainWindow.h"

#include "app/config/Config.h"
#include "app/config/SecretStore.h"
#include "app/service/ServiceClient.h"
#include "app/store/StoreReader.h"
#include "ui/AboutDialog.h"
#include "ui/Appearance.h"
#include "ui/UiLogging.h"
#include "ui/composer/Composer.h"
#include "ui/console/ConsolePage.h"
#include "ui/conversations/ConversationListPanel.h"
#include "ui/conversations/NewConversationDialog.h"
#include "ui/conversations/QuickJumpDialog.h"
#include "ui/dashboard/DashboardDialog.h"
#include "ui/doctor/DiagnoseWebhooksDialog.h"
#include "ui/export/CsvExportAction.h"
#include "ui/logs/LogsDock.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/setup/SetupPage.h"
#include "ui/status/CopyableField.h"
#include "ui/status/ProviderStatusLabel.h"
#include "ui/status/TrayNotifier.h"
#include "ui/team/TeamBanner.h"
#include "ui/templates/TemplateBench.h"
#include "ui/timeline/StatusTimelinePanel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDate>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace
{

bool hasProblemWith(const QList<Error>& problems, const QString& key)
{
    for (const Error& problem : problems) {
        if (problem.field == key) {
            return true;
        }
    }
    return false;
}

QString providerTitle(const Config& config)
{
    switch (config.provider()) {
    case Config::Provider::Sandbox:
        return MainWindow::tr("Sandbox emulator");
    case Config::Provider::Twilio:
        return MainWindow::tr("Twilio");
    case Config::Provider::Direct:
        return MainWindow::tr("Meta Cloud API");
    }
    return {};
}

} // namespace

MainWindow::MainWindow(const Config& config, QWidget* parent)
    : QMainWindow(parent)
    , m_config(config)
    , m_windowEnforced(config.windowPolicy() == Config::WindowPolicy::Enforce)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("FlowChat"));
    resize(1120, 720);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    const bool sandbox =
        config.provider() == Config::Provider::Sandbox && !hasProblemWith(config.validate(), ConfigKey::Provider);
    if (sandbox) {
        layout->addWidget(createSandboxBanner());
    }
    m_teamBanner = new TeamBanner(central);
    layout->addWidget(m_teamBanner);
    m_pages = new QStackedWidget(central);
    m_pages->setObjectName(QStringLiteral("pages"));
    m_setup = new SetupPage(config, m_pages);
    connect(m_setup, &SetupPage::settingsRequested, this, &MainWindow::showSettings);
    m_pages->addWidget(m_setup);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    createStatusBar(config);
    createMenus();
    m_logs = new LogsDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_logs);
    m_logs->hide();
    QAction* showLogs = m_logs->toggleViewAction();
    showLogs->setObjectName(QStringLiteral("actionLogs"));
    showLogs->setText(tr("&Logs"));
    showLogs->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_viewMenu->insertAction(m_viewMenu->actions().value(0), showLogs);

    m_timeline = new StatusTimelinePanel(this);
    m_timelineDock = new QDockWidget(tr("Status timeline"), this);
    m_timelineDock->setObjectName(QStringLiteral("statusTimelineDock"));
    m_timelineDock->setWidget(m_timeline);
    m_timelineDock->setTitleBarWidget(new QWidget(m_timelineDock)); // the panel has its own title and close
    addDockWidget(Qt::RightDockWidgetArea, m_timelineDock);
    m_timelineDock->hide();
    connect(m_timeline, &StatusTimelinePanel::closeRequested, m_timelineDock, &QDockWidget::hide);
    const QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    qCDebug(lcUi) << "console frame built; provider" << Config::providerName(config.provider());
}

MainWindow::~MainWindow() = default;

void MainWindow::setSecretStore(SecretStore* secrets)
{
    m_secrets = secrets;
    m_settingsAction->setEnabled(secrets != nullptr);
}

void MainWindow::showSettings()
{
    if (!m_secrets) {
        return;
    }
    if (auto* open = findChild<SettingsDialog*>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto* dialog = new SettingsDialog(m_config, nullptr, m_secrets, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::saved, this, &MainWindow::restartRequested, Qt::QueuedConnection);
    dialog->open();
}

void MainWindow::showRestarting()
{
    // Everything below holds the old service or its provider.
    for (QDialog* dialog : std::initializer_list<QDialog*>{m_templateBench, m_dashboard, m_diagnosis}) {
        if (dialog) {
            dialog->close();
            dialog->deleteLater();
        }
    }
    if (m_service) {
        m_service->disconnect(this);
    }
    m_service = nullptr;
    m_teamBanner->setService(nullptr);
    if (m_console) {
        m_console->setService(nullptr);
    }
    // The provider's traffic goes with the service.
    m_logs->setService(nullptr);
    m_setup->showRestarting();
    m_pages->setCurrentIndex(0);
    setEnabled(false);
}

void MainWindow::showServiceProblem(const QString& message)
{
    m_setup->showServiceProblem(message);
    m_pages->setCurrentIndex(0);
}

void MainWindow::attachService(ServiceClient* service)
{
    m_service = service;
    m_reader = service->reader();
    if (!m_console) {
        createConsole();
    }
    m_pages->setCurrentWidget(m_console);
    m_console->setService(service);
    connect(service, &ServiceClient::outboxChanged, this, &MainWindow::updateOutbox);
    connect(service, &ServiceClient::teamChanged, this, &MainWindow::updateOutbox);
    m_teamBanner->setService(service);
    // A team console receives no webhooks (the team's receivers do): their URL is not its business.
    m_webhookUrl->setVisible(!service->isTeamConsole());
    connect(service, &ServiceClient::webhookRefused, this, &MainWindow::showWebhookRefused);
    m_logs->setService(service);
    m_timeline->setReader(m_reader);
    if (!m_export) {
        m_export = new CsvExportAction(m_reader, this);
        connect(m_export, &CsvExportAction::finished, this, [this](int rows, const QString& path) {
            statusBar()->showMessage(tr("%n message(s) exported to %1", nullptr, rows).arg(path), 8000);
        });
        connect(m_export, &CsvExportAction::failed, this, [this](const QString& message) {
            statusBar()->showMessage(tr("Export failed: %1").arg(message), 12000);
        });
    }
    connect(service, &ServiceClient::messageChanged, m_timeline, &StatusTimelinePanel::messageChanged);

    connect(service, &ServiceClient::healthChanged, m_providerStatus, &ProviderStatusLabel::setHealth);
    m_providerStatus->setHealth(service->healthState(), service->healthDetail());
    service->checkProvider();
    createServiceActions();

    if (!m_tray) {
        m_tray = new TrayNotifier(m_reader, this, this);
        connect(m_tray, &TrayNotifier::unreadChanged, this, &MainWindow::updateTitle);
        connect(m_tray, &TrayNotifier::conversationRequested, this, [this](qint64 id) {
            showNormal();
            raise();
            activateWindow();
            m_console->conversations()->showConversation(id);
        });
        updateTitle(m_tray->unreadTotal());
    }
    connect(service, &ServiceClient::messageChanged, m_tray, &TrayNotifier::messageChanged);
    connect(service, &ServiceClient::conversationChanged, m_tray, &TrayNotifier::scheduleRecount);
    updateOutbox();
    createShortcuts();
    m_console->openNewestConversation();
}

void MainWindow::createConsole()
{
    m_console = new ConsolePage(m_reader, m_pages);
    m_console->setWindowEnforced(m_windowEnforced);
    m_console->restoreSplitterState(QSettings().value(QStringLiteral("mainWindow/splitter")).toByteArray());
    connect(m_console, &ConsolePage::statusTimelineRequested, this, &MainWindow::showStatusTimeline);
    connect(m_console, &ConsolePage::statusMessage, this, [this](const QString& text, int timeoutMs) {
        statusBar()->showMessage(text, timeoutMs);
    });
    connect(m_console, &ConsolePage::newConversationRequested, this, &MainWindow::startNewConversation);
    connect(m_console, &ConsolePage::templatesRequested, this, &MainWindow::showTemplateBench);
    connect(m_console, &ConsolePage::conversationOpened, this, [this](const ConversationSummary& summary) {
        if (m_templateBench) {
            m_templateBench->setConversation(summary);
        }
    });
    m_pages->addWidget(m_console);
}

// Actions that need a running service; created once, they always act on the current one.
void MainWindow::createServiceActions()
{
    if (findChild<QAction*>(QStringLiteral("actionSyncTemplates"))) {
        return;
    }
    QAction* dashboard = m_viewMenu->addAction(tr("Delivery &dashboard"));
    dashboard->setObjectName(QStringLiteral("actionDashboard"));
    dashboard->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(dashboard, &QAction::triggered, this, &MainWindow::showDashboard);
    // Above Quit, which the window created before any service existed.
    QAction* quitAction = findChild<QAction*>(QStringLiteral("actionQuit"));
    auto* newConversation = new QAction(tr("&New conversation…"), this);
    newConversation->setObjectName(QStringLiteral("actionNewConversation"));
    newConversation->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    m_fileMenu->insertAction(quitAction, newConversation);
    connect(newConversation, &QAction::triggered, this, &MainWindow::startNewConversation);
    auto* exportConversation = new QAction(tr("&Export conversation to CSV…"), this);
    m_fileMenu->insertAction(quitAction, exportConversation);
    m_fileMenu->insertSeparator(quitAction);
    exportConversation->setObjectName(QStringLiteral("actionExportConversation"));
    connect(exportConversation, &QAction::triggered, this, &MainWindow::exportConversation);
    connect(m_fileMenu, &QMenu::aboutToShow, this, [this, exportConversation] {
        exportConversation->setEnabled(m_console->currentConversation() != 0);
    });

    QAction* bench = m_toolsMenu->addAction(tr("&Template test bench…"));
    bench->setObjectName(QStringLiteral("actionTemplateBench"));
    bench->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(bench, &QAction::triggered, this, &MainWindow::showTemplateBench);
    m_toolsMenu->addSeparator();
    QAction* sync = m_toolsMenu->addAction(tr("&Sync templates from the provider"));
    sync->setObjectName(QStringLiteral("actionSyncTemplates"));
    connect(sync, &QAction::triggered, this, [this] {
        if (!m_service) {
            return;
        }
        statusBar()->showMessage(tr("Syncing templates…"));
        m_service->syncTemplates(this, [this](Result<int> synced) {
            statusBar()->showMessage(synced ? tr("%n template(s) synced", nullptr, *synced)
                                            : tr("Template sync failed: %1").arg(synced.error().message),
                                     8000);
        });
    });
    QAction* check = m_toolsMenu->addAction(tr("&Check the provider now"));
    check->setObjectName(QStringLiteral("actionCheckProvider"));
    connect(check, &QAction::triggered, this, [this] {
        if (m_service) {
            m_service->checkProvider();
        }
    });
    QAction* resume = m_toolsMenu->addAction(tr("&Resume sending"));
    resume->setObjectName(QStringLiteral("actionResumeSending"));
    resume->setToolTip(tr("Sending pauses itself when the provider refuses our credentials."));
    connect(resume, &QAction::triggered, this, [this] {
        if (m_service) {
            m_service->resumeOutbox(); // outboxChanged follows
        }
    });
    connect(m_toolsMenu, &QMenu::aboutToShow, this, [this, resume] {
        resume->setEnabled(m_service && m_service->isOutboxPaused());
    });
}

void MainWindow::startNewConversation()
{
    auto* dialog = new NewConversationDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (!m_service) {
            return;
        }
        m_service->openConversation(dialog->number(), this, [this](Result<ConversationSummary> opened) {
            if (!opened) {
                statusBar()->showMessage(tr("Could not open the conversation: %1").arg(opened.error().message), 8000);
                return;
            }
            m_console->conversations()->showConversation(opened->id);
        });
    });
    dialog->open();
}

void MainWindow::showStatusTimeline(qint64 messageId)
{
    m_timeline->showMessage(messageId);
    m_timelineDock->show();
}

void MainWindow::showDiagnosis()
{
    if (!m_diagnosis) {
        m_diagnosis = new DiagnoseWebhooksDialog(m_config, this);
    }
    m_webhookRefused->hide();
    m_diagnosis->show();
    m_diagnosis->raise();
    m_diagnosis->activateWindow();
    m_diagnosis->run();
}

void MainWindow::showDashboard()
{
    if (!m_dashboard) {
        m_dashboard = new DashboardDialog(m_reader, this);
        connect(m_service, &ServiceClient::messageChanged, m_dashboard, &DashboardDialog::refresh);
    }
    m_dashboard->reloadNow();
    m_dashboard->show();
    m_dashboard->raise();
    m_dashboard->activateWindow();
}

void MainWindow::exportConversation()
{
    if (!m_console || m_console->currentConversation() == 0 || !m_export) {
        return;
    }
    const ConversationSummary summary = m_console->currentSummary();
    const QString name = summary.profileName.isEmpty() ? summary.e164 : summary.profileName;
    const QString fileName = QStringLiteral("flowchat-%1-%2.csv")
                                 .arg(name.simplified().replace(QLatin1Char(' '), QLatin1Char('-')),
                                      QDate::currentDate().toString(Qt::ISODate));
    m_export->exportConversation(m_console->currentConversation(), fileName);
}

void MainWindow::showTemplateBench()
{
    if (!m_service) {
        return;
    }
    if (!m_templateBench) {
        m_templateBench = new TemplateBench(m_service, this);
        connect(m_templateBench, &TemplateBench::templateSent, this, [this](qint64, qint64 conversationId) {
            // The agent watches the ticks of what was just sent.
            m_console->conversations()->showConversation(conversationId);
        });
    } else {
        m_templateBench->setService(m_service);
    }
    m_templateBench->setConversation(m_console->currentSummary());
    m_templateBench->show();
    m_templateBench->raise();
    m_templateBench->activateWindow();
}

void MainWindow::updateOutbox()
{
    if (m_service && m_service->isTeamConsole()) {
        // The team's receiver sends; this console's messages wait in the shared database for it.
        m_outboxStatus->setText(m_service->isTeamSenderRunning() ? tr("Sending: by the team's receiver")
                                                                 : tr("Sending: no sender running"));
        return;
    }
    const int length = m_service ? m_service->outboxLength() : 0;
    const bool paused = m_service && m_service->isOutboxPaused();
    m_outboxStatus->setText(paused ? tr("Outbox: %n waiting — paused (Tools > Resume sending)", nullptr, length)
                                   : tr("Outbox: %n waiting", nullptr, length));
}

void MainWindow::createStatusBar(const Config& config)
{
    m_providerStatus = new ProviderStatusLabel(this);
    m_providerStatus->setProviderTitle(providerTitle(config));
    m_webhookUrl = new CopyableField(tr("Webhook URL"), this);
    m_webhookUrl->setObjectName(QStringLiteral("webhookUrl"));
    m_webhookUrl->setValue(config.webhookUrl().toString(), tr("not set (FLOWCHAT_PUBLIC_URL)"));
    m_webhookRefused = new QToolButton(this);
    m_webhookRefused->setObjectName(QStringLiteral("webhookRefused"));
    m_webhookRefused->setAutoRaise(true);
    m_webhookRefused->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    m_webhookRefused->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_webhookRefused->hide();
    m_outboxStatus = new QLabel(this);
    m_outboxStatus->setObjectName(QStringLiteral("outboxStatus"));
    m_outboxStatus->setTextFormat(Qt::PlainText);
    statusBar()->addWidget(m_providerStatus);
    statusBar()->addWidget(m_webhookRefused);
    statusBar()->addPermanentWidget(m_webhookUrl);
    statusBar()->addPermanentWidget(m_outboxStatus);
}

void MainWindow::showWebhookRefused(const QString& reason)
{
    m_webhookRefused->setText(tr("Webhook refused — diagnose"));
    m_webhookRefused->setToolTip(reason);
    m_webhookRefused->setAccessibleName(tr("A webhook was refused: %1").arg(reason));
    m_webhookRefused->show();
}

void MainWindow::updateTitle(int unread)
{
    // In a team, several consoles are open side by side: each says whose it is.
    const QString name =
        m_service && m_service->isTeamConsole() ? tr("FlowChat — %1").arg(m_service->agentName()) : tr("FlowChat");
    setWindowTitle(unread > 0 ? tr("%1 (%2)").arg(name).arg(unread) : name);
}

void MainWindow::createShortcuts()
{
    if (findChild<QAction*>(QStringLiteral("actionNextConversation"))) {
        return;
    }
    const auto add = [this](const char* name, const QString& text, const QKeySequence& keys, auto slot) {
        auto* action = new QAction(text, this);
        action->setObjectName(QString::fromLatin1(name));
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WindowShortcut);
        addAction(action);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    add("actionPreviousConversation", tr("Previous conversation"), QKeySequence(Qt::ALT | Qt::Key_Up), [this] {
        m_console->conversations()->selectRelative(-1);
    });
    add("actionNextConversation", tr("Next conversation"), QKeySequence(Qt::ALT | Qt::Key_Down), [this] {
        m_console->conversations()->selectRelative(1);
    });
    add("actionFind", tr("Search conversations"), QKeySequence::Find, [this] {
        m_console->conversations()->focusSearch();
    });
    add("actionQuickJump", tr("Go to conversation"), QKeySequence(Qt::CTRL | Qt::Key_K), [this] {
        auto* jump = new QuickJumpDialog(m_reader, this);
        jump->setAttribute(Qt::WA_DeleteOnClose);
        connect(jump,
                &QuickJumpDialog::conversationChosen,
                m_console->conversations(),
                &ConversationListPanel::showConversation);
        jump->open();
    });
    // Esc closes what is open on top of the conversation, one layer at a time.
    add("actionClearSearch", tr("Close panels"), QKeySequence(Qt::Key_Escape), [this] {
        Composer* composer = m_console->composer();
        if (composer->replyToId() != 0) {
            composer->clearReply();
        } else if (m_timelineDock->isVisible() || m_logs->isVisible()) {
            m_timelineDock->hide();
            m_logs->hide();
        } else {
            m_console->conversations()->clearSearch();
        }
        composer->editor()->setFocus(Qt::ShortcutFocusReason);
    });
}

ConversationListPanel* MainWindow::conversations() const
{
    return m_console ? m_console->conversations() : nullptr;
}

ThreadModel* MainWindow::threadModel() const
{
    return m_console ? m_console->threadModel() : nullptr;
}

ThreadView* MainWindow::threadView() const
{
    return m_console ? m_console->threadView() : nullptr;
}

ThreadHeader* MainWindow::threadHeader() const
{
    return m_console ? m_console->threadHeader() : nullptr;
}

Composer* MainWindow::composer() const
{
    return m_console ? m_console->composer() : nullptr;
}

TrayNotifier* MainWindow::trayNotifier() const
{
    return m_tray;
}

LogsDock* MainWindow::logsDock() const
{
    return m_logs;
}

SetupPage* MainWindow::setupPage() const
{
    return m_setup;
}

ConsolePage* MainWindow::console() const
{
    return m_console;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveWindowState();
    QMainWindow::closeEvent(event);
}

void MainWindow::saveWindowState() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), QMainWindow::saveState());
    if (m_console) {
        settings.setValue(QStringLiteral("mainWindow/splitter"), m_console->saveSplitterState());
    }
}

QWidget* MainWindow::createSandboxBanner()
{
    auto* banner = new QLabel(this);
    banner->setObjectName(QStringLiteral("sandboxBanner"));
    banner->setTextFormat(Qt::PlainText);
    banner->setWordWrap(true);
    banner->setText(tr("Sandbox mode: nothing reaches WhatsApp") + QLatin1Char('\n')
                    + tr("Messages go to a built-in emulator. Set WHATSAPP_PROVIDER to twilio or direct to reach "
                         "real customers."));
    banner->setMargin(12);
    // Amber with dark text reads as "take note" in light and dark palettes alike.
    banner->setStyleSheet(QStringLiteral("QLabel#sandboxBanner { background: #f6c343; color: #1f1f1f; "
                                         "font-weight: bold; border-bottom: 1px solid #c99a1e; }"));
    return banner;
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(tr("&File"));
    m_settingsAction = m_fileMenu->addAction(tr("&Settings…"));
    m_settingsAction->setObjectName(QStringLiteral("actionSettings"));
    m_settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    m_settingsAction->setEnabled(false); // until a SecretStore is set
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::showSettings);
    m_fileMenu->addSeparator();
    QAction* quit = m_fileMenu->addAction(tr("&Quit"));
    quit->setObjectName(QStringLiteral("actionQuit"));
    // Spelled out: QKeySequence::Quit is empty under the Windows keyboard scheme, which offscreen uses.
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, qApp, &QApplication::quit, Qt::QueuedConnection);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QMenu* theme = m_viewMenu->addMenu(tr("&Theme"));
    auto* themes = new QActionGroup(this);
    const auto addTheme = [&](const QString& text, Appearance::Theme value, const char* name) {
        QAction* action = theme->addAction(text);
        action->setObjectName(QString::fromLatin1(name));
        action->setCheckable(true);
        action->setChecked(Appearance::savedTheme() == value);
        themes->addAction(action);
        connect(action, &QAction::triggered, this, [value] { Appearance::apply(value); });
    };
    addTheme(tr("Follow the &system"), Appearance::Theme::System, "actionThemeSystem");
    addTheme(tr("&Light"), Appearance::Theme::Light, "actionThemeLight");
    addTheme(tr("&Dark"), Appearance::Theme::Dark, "actionThemeDark");

    m_toolsMenu = menuBar()->addMenu(tr("&Tools"));
    m_helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction* diagnose = m_helpMenu->addAction(tr("&Diagnose webhooks…"));
    diagnose->setObjectName(QStringLiteral("actionDiagnoseWebhooks"));
    connect(diagnose, &QAction::triggered, this, &MainWindow::showDiagnosis);
    connect(m_webhookRefused, &QToolButton::clicked, diagnose, &QAction::trigger);
    QAction* about = m_helpMenu->addAction(tr("&About FlowChat"));
    about->setObjectName(QStringLiteral("actionAbout"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, [this] {
        auto* dialog = new AboutDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
}
