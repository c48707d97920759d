#pragma once

#include <QDockWidget>
#include <QPointer>

#include <memory>

class ApplicationLogFilter;
class ApplicationLogModel;
class MessageReader;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTableWidget;
class QTimer;
class RequestInspector;
class WhatsAppService;

// View > Logs: the application log with level, category and text filters, the webhook log with
// each payload, its verdict and reason, and a Replay action, and the provider requests (masked).
class LogsDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit LogsDock(QWidget* parent = nullptr);
    ~LogsDock() override;

    void setService(WhatsAppService* service, const QString& databasePath);

    QTableView* applicationLog() const;
    QTableWidget* webhookLog() const;
    RequestInspector* requestInspector() const;

public slots:
    // Coalesced: new webhooks reload the list at most a few times a second.
    void scheduleWebhookReload();
    void reloadWebhooks();

private:
    QWidget* createApplicationTab();
    QWidget* createWebhookTab();
    void showWebhook();
    void replaySelected();
    qint64 selectedWebhookId() const;

    QPointer<WhatsAppService> m_service;
    std::unique_ptr<MessageReader> m_reader;
    ApplicationLogModel* m_logModel = nullptr;
    ApplicationLogFilter* m_logFilter = nullptr;
    QTableView* m_logView = nullptr;
    QComboBox* m_level = nullptr;
    QLineEdit* m_category = nullptr;
    QLineEdit* m_search = nullptr;
    QTableWidget* m_webhooks = nullptr;
    QPlainTextEdit* m_webhookDetail = nullptr;
    QPushButton* m_replay = nullptr;
    QLabel* m_replayResult = nullptr;
    QTimer* m_webhookReload = nullptr;
    RequestInspector* m_requests = nullptr;
};
