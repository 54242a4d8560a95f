"""ROS risk registers (risiko- og sårbarhetsvurderinger): the programme's, each area's and
each project's register of threats and opportunities, scored on 5×5 matrices kept as data."""
