#pragma once

#include <QFrame>

class QLabel;
class QVBoxLayout;
struct Template;

// The filled template as the customer will see it: an outgoing bubble with the header, the body
// (placeholders replaced), the footer and the buttons.
class TemplatePreview : public QFrame
{
    Q_OBJECT
public:
    explicit TemplatePreview(QWidget* parent = nullptr);

    // `headerMedia`: the file chosen for a media header (its name is shown).
    void showTemplate(const Template& tmpl, const QString& body, const QString& headerMedia = QString());
    void clear();
    QString bodyText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyColours();

    QFrame* m_bubble = nullptr;
    QLabel* m_header = nullptr;
    QLabel* m_body = nullptr;
    QLabel* m_footer = nullptr;
    QVBoxLayout* m_buttons = nullptr;
    bool m_dark = false;
};
