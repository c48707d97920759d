#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

// A short value in the status bar ("Webhook URL: https://…") with a button that copies it.
class CopyableField : public QWidget
{
    Q_OBJECT
public:
    CopyableField(const QString& caption, QWidget* parent = nullptr);

    void setValue(const QString& value, const QString& emptyText = {});
    QString value() const;
    QToolButton* copyButton() const;

private:
    QLabel* m_label = nullptr;
    QToolButton* m_copy = nullptr;
    QString m_caption;
    QString m_value;
};
