#pragma once

#include "app/config/Config.h"
#include "app/store/StoreTypes.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class Composer;
class CsvExportAction;
class Config;
class CopyableField;
class SecretStore;
class ProviderStatusLabel;
class QToolButton;
class DashboardDialog;
class DiagnoseWebhooksDialog;
class LogsDock;
class MessageMenu;
class QDockWidget;
class StatusTimelinePanel;
class TemplateBench;
class TrayNotifier;
class ConversationListPanel;
class QLabel;
class QMenu;
class QSplitter;
class QStackedWidget;
class ThreadHeader;
class StoreReader;
class ThreadModel;
class ThreadView;
class WelcomePanel;
class ServiceClient;

// The console's frame: it only assembles panels, actions and shortcuts. Until a service is
// attached (or when the configuration is broken) it shows how FlowChat is set up and every
// configuration problem; then the conversation list | thread + composer.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const Config& config, QWidget* parent = nullptr);
    ~MainWindow() override;

    // The started service, through its client (which outlives the window). Builds the console on
    // the client's reader.
    void attachService(ServiceClient* service);
    // The service could not start: say so on the setup page.
    void showServiceProblem(const QString& message);

    ConversationListPanel* conversations() const;
    ThreadModel* threadModel() const;
    ThreadView* threadView() const;
    ThreadHeader* threadHeader() const;
    Composer* composer() const;
    TrayNotifier* trayNotifier() const;
    LogsDock* logsDock() const;

    // Where Settings keeps secrets; without one, Settings is not offered.
    void setSecretStore(SecretStore* secrets);
    // Window, dock and splitter geometry into QSettings (also on close).
    void saveWindowState() const;
    // The service is going away for a restart: drop everything that uses it and say so.
    void showRestarting();

public slots:
    // The side panel with the message's statuses (context menu, screenshots).
    void showStatusTimeline(qint64 messageId);
    // File > Settings.
    void showSettings();

signals:
    // Settings were saved: the service must restart with them.
    void restartRequested();

public:
protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QWidget* createSandboxBanner();
    QWidget* createSetupPage(const Config& config);
    QWidget* createSummary(const Config& config);
    QWidget* createProblems(const Config& config);
    QWidget* createConsole();
    void createMenus();
    void createShortcuts();
    void createServiceActions();
    void showTemplateBench();
    void startNewConversation();
    void simulateCustomerMessage(); // the sandbox's sample customer writes in
    void showDashboard();
    void showDiagnosis();
    void exportConversation();
    void createStatusBar(const Config& config);
    void onConversationSelected(const ConversationSummary& summary);
    void updateOutbox();
    void showWebhookRefused(const QString& reason);
    void updateTitle(int unread);
    void updateThreadCanvas();

    Config m_config;
    StoreReader* m_reader = nullptr; // the client's
    bool m_windowEnforced = true;
    QPointer<ServiceClient> m_service;
    QStackedWidget* m_pages = nullptr;
    QLabel* m_serviceNote = nullptr;
    QSplitter* m_splitter = nullptr;
    QMenu* m_fileMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_toolsMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    ConversationListPanel* m_conversations = nullptr;
    ThreadHeader* m_header = nullptr;
    ThreadModel* m_thread = nullptr;
    ThreadView* m_threadView = nullptr;
    QStackedWidget* m_threadArea = nullptr; // the welcome panel, then the thread
    WelcomePanel* m_welcome = nullptr;
    Composer* m_composer = nullptr;
    ProviderStatusLabel* m_providerStatus = nullptr;
    CopyableField* m_webhookUrl = nullptr;
    QToolButton* m_webhookRefused = nullptr;
    QLabel* m_outboxStatus = nullptr;
    TrayNotifier* m_tray = nullptr;
    LogsDock* m_logs = nullptr;
    StatusTimelinePanel* m_timeline = nullptr;
    QDockWidget* m_timelineDock = nullptr;
    MessageMenu* m_messageMenu = nullptr;
    qint64 m_currentConversation = 0;
    ConversationSummary m_currentSummary;
    QPointer<TemplateBench> m_templateBench;
    CsvExportAction* m_export = nullptr;
    QPointer<DashboardDialog> m_dashboard;
    QPointer<DiagnoseWebhooksDialog> m_diagnosis;
    QPointer<SecretStore> m_secrets;
    QAction* m_settingsAction = nullptr;
};
