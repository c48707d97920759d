#pragma once

#include <QWidget>

class Config;
class QLabel;

// How FlowChat is set up and every configuration problem: the page shown until the service runs,
// when it could not start, or while it restarts.
class SetupPage : public QWidget
{
    Q_OBJECT
public:
    explicit SetupPage(const Config& config, QWidget* parent = nullptr);

    // The line above the summary: starting, restarting, or why the service is not running.
    QString note() const;
    // The service is going away for a restart with new settings.
    void showRestarting();
    // The service could not start.
    void showServiceProblem(const QString& message);

signals:
    // "Open settings…" was clicked.
    void settingsRequested();

private:
    QWidget* createSummary(const Config& config);
    QWidget* createProblems(const Config& config);

    QLabel* m_serviceNote = nullptr;
};
