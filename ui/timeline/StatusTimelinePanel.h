#pragma once

#include <QWidget>

#include <memory>

class MessageReader;
class QLabel;
class QToolButton;
class QTreeWidget;

// The side panel opened from a bubble: every status the message went through with its time,
// the provider's own word and the error if any, and the provider's message id to copy.
class StatusTimelinePanel : public QWidget
{
    Q_OBJECT
public:
    StatusTimelinePanel(const QString& databasePath, QWidget* parent = nullptr);
    ~StatusTimelinePanel() override;

    qint64 messageId() const;
    QTreeWidget* events() const;

public slots:
    void showMessage(qint64 id);
    // Connected to WhatsAppService::messageChanged: refreshes when it is the message shown.
    void messageChanged(qint64 id);

signals:
    void closeRequested();

private:
    void reload();

    std::unique_ptr<MessageReader> m_reader;
    qint64 m_id = 0;
    QLabel* m_title = nullptr;
    QLabel* m_providerId = nullptr;
    QToolButton* m_copy = nullptr;
    QTreeWidget* m_events = nullptr;
};
