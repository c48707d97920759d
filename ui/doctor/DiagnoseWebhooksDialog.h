#pragma once

#include "app/config/Config.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;
class WebhookDoctor;

// Help > Diagnose webhooks: runs the webhook doctor and shows each check with a green or red
// mark, the details and the fix in words underneath.
class DiagnoseWebhooksDialog : public QDialog
{
    Q_OBJECT
public:
    explicit DiagnoseWebhooksDialog(const Config& config, QWidget* parent = nullptr);

    // Starts the checks (also on "Run again").
    void run();
    bool isRunning() const;
    QTreeWidget* checks() const;

signals:
    void finished(bool allPassed);

private:
    Config m_config;
    QPointer<WebhookDoctor> m_doctor;
    QTreeWidget* m_checks = nullptr;
    QTreeWidgetItem* m_lastCheck = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_runAgain = nullptr;
};
