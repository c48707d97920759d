#include "ui/MainWindow.h"

#include "app/config/Config.h"
#include "app/config/SecretStore.h"
#include "app/service/ServiceClient.h"
#include "app/store/StoreReader.h"
#include "ui/AboutDialog.h"
#include "ui/Appearance.h"
#include "ui/UiLogging.h"
#include "ui/composer/Composer.h"
#include "ui/conversations/ConversationListModel.h"
#include "ui/conversations/ConversationListPanel.h"
#include "ui/conversations/NewConversationDialog.h"
#include "ui/conversations/QuickJumpDialog.h"
#include "ui/dashboard/DashboardDialog.h"
#include "ui/doctor/DiagnoseWebhooksDialog.h"
#include "ui/export/CsvExportAction.h"
#include "ui/logs/LogsDock.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/status/CopyableField.h"
#include "ui/status/ProviderStatusLabel.h"
#include "ui/status/TrayNotifier.h"
#include "ui/templates/TemplateBench.h"
#include "ui/thread/BubbleDelegate.h"
#include "ui/thread/ThreadHeader.h"
#include "ui/thread/ThreadModel.h"
#include "ui/thread/ThreadView.h"
#include "ui/timeline/MessageMenu.h"
#include "ui/timeline/StatusTimelinePanel.h"
#include "ui/welcome/WelcomePanel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDockWidget>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace
{

// Paths and URLs come from the user's files: never let a QLabel read them as HTML.
QLabel* plainLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

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
    m_pages = new QStackedWidget(central);
    m_pages->setObjectName(QStringLiteral("pages"));
    m_pages->addWidget(createSetupPage(config));
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

QWidget* MainWindow::createSetupPage(const Config& config)
{
    auto* page = new QWidget(this);
    page->setObjectName(QStringLiteral("setupPage"));
    auto* body = new QVBoxLayout(page);
    body->setContentsMargins(12, 12, 12, 12);
    m_serviceNote =
        plainLabel(config.validate().isEmpty() ? tr("Starting the message service…")
                                               : tr("FlowChat cannot start until the problems below are fixed."),
                   page);
    m_serviceNote->setObjectName(QStringLiteral("placeholderNote"));
    body->addWidget(m_serviceNote);
    body->addWidget(createSummary(config));
    body->addWidget(createProblems(config), 1);
    auto* openSettings = new QPushButton(tr("Open &settings…"), page);
    openSettings->setObjectName(QStringLiteral("setupOpenSettings"));
    connect(openSettings, &QPushButton::clicked, this, &MainWindow::showSettings);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(openSettings);
    buttons->addStretch(1);
    body->addLayout(buttons);
    return page;
}

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
    if (m_composer) {
        m_composer->setService(nullptr);
    }
    // The provider's traffic goes with the service.
    m_logs->setService(nullptr);
    m_serviceNote->setText(tr("Restarting the message service with the new settings… Unsent messages stay queued."));
    m_pages->setCurrentIndex(0);
    setEnabled(false);
}

void MainWindow::showServiceProblem(const QString& message)
{
    m_serviceNote->setText(tr("The message service could not start: %1").arg(message));
    m_pages->setCurrentIndex(0);
}

QWidget* MainWindow::createConsole()
{
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("consoleSplitter"));
    m_splitter->setChildrenCollapsible(false);

    m_conversations = new ConversationListPanel(m_reader, m_splitter);
    m_conversations->setMinimumWidth(240);
    m_splitter->addWidget(m_conversations);

    auto* right = new QWidget(m_splitter);
    right->setObjectName(QStringLiteral("threadPanel"));
    auto* column = new QVBoxLayout(right);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    m_header = new ThreadHeader(right);
    column->addWidget(m_header);
    auto* line = new QFrame(right);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    column->addWidget(line);
    m_thread = new ThreadModel(m_reader, this);
    m_threadView = new ThreadView(right);
    m_threadView->setThreadModel(m_thread);
    m_messageMenu = new MessageMenu(m_threadView);
    connect(m_messageMenu, &MessageMenu::statusTimelineRequested, this, &MainWindow::showStatusTimeline);
    connect(m_threadView, &ThreadView::messageActionRequested, this, [this](qint64 id, int action) {
        if (action == int(BubbleDelegate::Action::Dismiss)) {
            m_messageMenu->dismiss(id);
        } else {
            m_messageMenu->resend(id);
        }
    });
    connect(m_messageMenu, &MessageMenu::report, this, [this](const QString& text) {
        statusBar()->showMessage(text, 8000);
    });
    updateThreadCanvas();
    // Until a conversation is picked, the thread area welcomes instead of showing an empty page.
    m_threadArea = new QStackedWidget(right);
    m_welcome = new WelcomePanel(m_threadArea);
    connect(m_welcome, &WelcomePanel::newConversationRequested, this, &MainWindow::startNewConversation);
    connect(m_welcome, &WelcomePanel::customerMessageRequested, this, &MainWindow::simulateCustomerMessage);
    m_threadArea->addWidget(m_welcome);
    m_threadArea->addWidget(m_threadView);
    column->addWidget(m_threadArea, 1);
    m_composer = new Composer(right);
    column->addWidget(m_composer);
    connect(m_messageMenu, &MessageMenu::replyRequested, m_composer, &Composer::setReplyTo);
    connect(m_composer, &Composer::templatesRequested, this, &MainWindow::showTemplateBench);
    // The agent's own message is where the eye goes, even from far up the thread.
    connect(m_composer, &Composer::sent, m_threadView, &ThreadView::scrollToNewest);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({320, 800});
    m_splitter->restoreState(QSettings().value(QStringLiteral("mainWindow/splitter")).toByteArray());

    connect(m_conversations, &ConversationListPanel::conversationSelected, this, &MainWindow::onConversationSelected);
    return m_splitter;
}

void MainWindow::attachService(ServiceClient* service)
{
    m_service = service;
    m_reader = service->reader();
    if (!m_splitter) {
        m_pages->addWidget(createConsole());
    }
    m_pages->setCurrentWidget(m_splitter);
    m_composer->setService(service);
    m_welcome->setSandbox(service->isSandbox());
    // The sandbox contact's window is always open; FLOWCHAT_WINDOW_POLICY=warn lets free text through.
    m_composer->setWindowEnforced(!service->isSandbox() && m_windowEnforced);
    connect(service,
            &ServiceClient::conversationChanged,
            m_conversations->model(),
            &ConversationListModel::conversationChanged);
    connect(service, &ServiceClient::messageChanged, m_thread, &ThreadModel::messageChanged);
    connect(service, &ServiceClient::outboxChanged, this, &MainWindow::updateOutbox);
    connect(service, &ServiceClient::webhookRefused, this, &MainWindow::showWebhookRefused);
    m_logs->setService(service);
    m_messageMenu->setService(service);
    m_thread->setService(service);
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
            m_conversations->showConversation(id);
        });
        updateTitle(m_tray->unreadTotal());
    }
    connect(service, &ServiceClient::messageChanged, m_tray, &TrayNotifier::messageChanged);
    connect(service, &ServiceClient::conversationChanged, m_tray, &TrayNotifier::scheduleRecount);
    updateOutbox();
    createShortcuts();
    // The newest conversation opens as soon as the list's first page is in.
    const auto openNewest = [this] {
        if (m_conversations->model()->rowCount() > 0) {
            m_conversations->selectRelative(0);
        }
    };
    if (m_conversations->model()->isLoading()) {
        connect(
            m_conversations->model(), &ConversationListModel::pageLoaded, this, openNewest, Qt::SingleShotConnection);
    } else {
        openNewest();
    }
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
        exportConversation->setEnabled(m_currentConversation != 0);
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
            m_conversations->showConversation(opened->id);
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
    if (m_currentConversation == 0 || !m_export) {
        return;
    }
    const QString name = m_currentSummary.profileName.isEmpty() ? m_currentSummary.e164 : m_currentSummary.profileName;
    const QString fileName = QStringLiteral("flowchat-%1-%2.csv")
                                 .arg(name.simplified().replace(QLatin1Char(' '), QLatin1Char('-')),
                                      QDate::currentDate().toString(Qt::ISODate));
    m_export->exportConversation(m_currentConversation, fileName);
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
            m_conversations->showConversation(conversationId);
        });
    } else {
        m_templateBench->setService(m_service);
    }
    m_templateBench->setConversation(m_currentSummary);
    m_templateBench->show();
    m_templateBench->raise();
    m_templateBench->activateWindow();
}

void MainWindow::onConversationSelected(const ConversationSummary& summary)
{
    m_currentSummary = summary;
    if (m_templateBench) {
        m_templateBench->setConversation(summary);
    }
    const bool open = summary.windowOpenAt(QDateTime::currentMSecsSinceEpoch());
    m_header->setConversation(summary);
    m_composer->setConversation(summary, open);
    m_threadArea->setCurrentWidget(m_threadView);
    if (summary.id != m_currentConversation) {
        m_currentConversation = summary.id;
        m_thread->setConversation(summary.id);
        m_composer->editor()->setFocus(Qt::OtherFocusReason);
    }
    if (summary.unreadCount > 0 && m_service) {
        m_service->markConversationRead(summary.id);
    }
}

void MainWindow::simulateCustomerMessage()
{
    if (!m_service) {
        return;
    }
    m_service->simulateCustomerMessage(this, [this](Result<void> asked) {
        statusBar()->showMessage(asked ? tr("The sample customer is writing to you…") : asked.error().message, 8000);
    });
}

void MainWindow::updateOutbox()
{
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
    setWindowTitle(unread > 0 ? tr("FlowChat (%1)").arg(unread) : tr("FlowChat"));
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
        m_conversations->selectRelative(-1);
    });
    add("actionNextConversation", tr("Next conversation"), QKeySequence(Qt::ALT | Qt::Key_Down), [this] {
        m_conversations->selectRelative(1);
    });
    add("actionFind", tr("Search conversations"), QKeySequence::Find, [this] { m_conversations->focusSearch(); });
    add("actionQuickJump", tr("Go to conversation"), QKeySequence(Qt::CTRL | Qt::Key_K), [this] {
        auto* jump = new QuickJumpDialog(m_reader, this);
        jump->setAttribute(Qt::WA_DeleteOnClose);
        connect(jump, &QuickJumpDialog::conversationChosen, m_conversations, &ConversationListPanel::showConversation);
        jump->open();
    });
    // Esc closes what is open on top of the conversation, one layer at a time.
    add("actionClearSearch", tr("Close panels"), QKeySequence(Qt::Key_Escape), [this] {
        if (m_composer->replyToId() != 0) {
            m_composer->clearReply();
        } else if (m_timelineDock->isVisible() || m_logs->isVisible()) {
            m_timelineDock->hide();
            m_logs->hide();
        } else {
            m_conversations->clearSearch();
        }
        m_composer->editor()->setFocus(Qt::ShortcutFocusReason);
    });
}

ConversationListPanel* MainWindow::conversations() const
{
    return m_conversations;
}

ThreadModel* MainWindow::threadModel() const
{
    return m_thread;
}

ThreadView* MainWindow::threadView() const
{
    return m_threadView;
}

ThreadHeader* MainWindow::threadHeader() const
{
    return m_header;
}

Composer* MainWindow::composer() const
{
    return m_composer;
}

TrayNotifier* MainWindow::trayNotifier() const
{
    return m_tray;
}

LogsDock* MainWindow::logsDock() const
{
    return m_logs;
}

void MainWindow::updateThreadCanvas()
{
    if (!m_threadView) {
        return;
    }
    // A calm, slightly tinted canvas behind the bubbles, as chat apps do.
    QPalette canvas = QApplication::palette(m_threadView);
    canvas.setColor(QPalette::Base, Appearance::isDark(canvas) ? QColor(0x0b, 0x14, 0x1a) : QColor(0xef, 0xea, 0xe2));
    m_threadView->setPalette(canvas);
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    // Qt 6 tells widgets about a new application palette with PaletteChange.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange) {
        updateThreadCanvas();
    }
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
    if (m_splitter) {
        settings.setValue(QStringLiteral("mainWindow/splitter"), m_splitter->saveState());
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

QWidget* MainWindow::createSummary(const Config& config)
{
    auto* box = new QGroupBox(tr("Setup"), this);
    auto* form = new QFormLayout(box);
    const QList<Error> problems = config.validate();

    QString provider;
    if (hasProblemWith(problems, ConfigKey::Provider)) {
        provider = tr("not recognised (see the problems below)");
    } else {
        switch (config.provider()) {
        case Config::Provider::Sandbox:
            provider = tr("Sandbox (built-in emulator)");
            break;
        case Config::Provider::Twilio:
            provider = tr("Twilio");
            break;
        case Config::Provider::Direct:
            provider = tr("Meta WhatsApp Cloud API (direct)");
            break;
        }
    }
    const auto addRow = [box, form](const QString& label, const QString& value, const QString& name) {
        QLabel* field = plainLabel(value, box);
        field->setObjectName(name);
        form->addRow(label, field);
    };
    addRow(tr("Provider:"), provider, QStringLiteral("providerValue"));
    addRow(tr("Message store:"), config.databasePath(), QStringLiteral("databaseValue"));
    addRow(tr("Listening on:"), config.value(ConfigKey::Listen).trimmed(), QStringLiteral("listenValue"));
    const QUrl webhook = config.webhookUrl();
    addRow(tr("Webhook URL:"),
           webhook.isEmpty() ? tr("not set (FLOWCHAT_PUBLIC_URL)") : webhook.toString(),
           QStringLiteral("webhookValue"));
    addRow(tr(".env file:"),
           config.envFilePath().isEmpty() ? tr("none found") : config.envFilePath(),
           QStringLiteral("envFileValue"));
    return box;
}

QWidget* MainWindow::createProblems(const Config& config)
{
    auto* box = new QGroupBox(tr("Configuration problems"), this);
    auto* layout = new QVBoxLayout(box);
    const QList<Error> problems = config.validate();
    const QList<Error> warnings = config.warnings();
    if (problems.isEmpty() && warnings.isEmpty()) {
        auto* fine = plainLabel(tr("No configuration problems."), box);
        fine->setObjectName(QStringLiteral("noProblems"));
        layout->addWidget(fine);
        layout->addStretch();
        return box;
    }
    auto* list = new QListWidget(box);
    list->setObjectName(QStringLiteral("problemList"));
    list->setWordWrap(true);
    list->setSelectionMode(QAbstractItemView::NoSelection);
    list->setFocusPolicy(Qt::NoFocus);
    list->setIconSize(QSize(16, 16));
    const QIcon errorIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warningIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    // Messages from app/ are plain words that already name their key; QListWidget shows them as plain text.
    for (const Error& problem : problems) {
        auto* item = new QListWidgetItem(errorIcon, problem.message, list);
        item->setToolTip(tr("Problem with %1").arg(problem.field));
    }
    for (const Error& warning : warnings) {
        auto* item = new QListWidgetItem(warningIcon, warning.message, list);
        item->setToolTip(tr("Warning about %1").arg(warning.field));
    }
    layout->addWidget(list);
    auto* hint =
        plainLabel(problems.isEmpty() ? tr("FlowChat works, but check the warnings above.")
                                      : tr("Fix these in your .env file or environment, then start FlowChat again."),
                   box);
    hint->setObjectName(QStringLiteral("problemHint"));
    layout->addWidget(hint);
    return box;
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
