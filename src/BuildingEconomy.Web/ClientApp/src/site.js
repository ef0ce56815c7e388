// Site-wide behaviour every page shares; feature modules (maps, charts) are their own entry points.
document.documentElement.classList.add('js');
